"""Pure text -> records: mentions, statements (quotes, speakers, cues, dates), cited sources."""
