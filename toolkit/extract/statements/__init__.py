"""Statements: who said what, how, where and when.

    import toolkit as tk
    statements = tk.extract_statements(articles)   # any frame with article_id and text

One row per attributed statement (the statements table of DESIGN.md). Pure rules over
paragraphs, sentences and quote marks (no parser), with compiled regexes built from the word
lists in datasets/lexicons/ (reporting_verbs.csv, cue_nouns.csv, cue_modifiers.csv, ...). The
package holds one module per family of constructions over one shared per-article model:

  model.py      the article (text, paragraphs, sentences, quote spans, resolver), Cand, shared lookups
  direct.py     direct quotes
  indirect.py   indirect speech (verbs, participles, relative clauses, "according to", noun cues)
  subjects.py   subjects no word list knows (fallbacks of indirect.py: "But harbour engineers say")
  questions.py  questions put to a speaker ("Asked whether ..., X said", "X was asked if ...")
  documents.py  statements issued as documents ("X issued a statement saying ...")
  structure.py  document structure: transcript turns and first-person texts
  pipeline.py   runs the families, cuts and joins contents, resolves speakers and dates, writes rows

* direct: a quote of 4+ words (or ending in sentence punctuation) with the attribution after it
  (`"...," Peskov said.` / `"...," said the mayor`), before it (`Trump said: "..."`), or in the
  previous paragraph ending in a colon (`Caddell continued:`); a bare quote sentence right
  after an attributed one in the same paragraph extends it (`"...," he said. "..."`, also a
  quote over several sentences or with a short lowercase tail, and after a postposed
  attribution whose content opens with a quote), but not across a cue (`"...," X said,
  suggesting ..., including, "..."`) nor a `"...," but he said that ...`;
* indirect: `X said (that) ...` (content from "that", to the end of the sentence, cut at
  ", adding", ", although", "and <cue>", a participle aside, where another speaker's attribution
  begins or before another statement's cue inside it),
  `..., X said` (postposed), `A, X said, B` (the whole sentence), `..., said X`,
  `according to X, ...`, `..., according to X`, `as X notes, ...`,
  `X's comments/remarks/announcement (to VENUE) ... that ...`, `... for saying ...`,
  `..., adding (that) ...`, `... and said ...` (the sentence's subject), `X called for/on ...`,
  `X called Y "..."`; an indirect content holding a quoted fragment of the speaker's own words
  is "mixed" (a quoted term after "a/the/so-called" is a title, not words said);
* also: inverted `Said Ellis: "..."`; `"..." ― Name` closing a paragraph (a byline dash);
  `X made the following comment:` before a quote; a paragraph that is only a quote, right after
  a paragraph whose last statement has a speaker, is that speaker's (it extends a direct quote,
  else it is its own row with confidence 0.3 lower); progressive cues (`is calling for`);
  `promised/pledged/vowed to ...` (the infinitive is the content); `urged X to ...`;
  `X called Y a Z` without quote marks; `X summoned Y's ambassador to denounce/condemn/protest Z`
  (the only place where cues of kind "act" count);
* relative and subordinate clauses: restrictive `an architect who said ...` (speaker span "who"),
  `X, which contended that ...` (organisations, documents), `..., many of whom say ...`, object
  relatives `what Trump says his plan would do` / `the test, which state media claimed ...` (the
  whole clause, from the wh-word; not "what X called ..."), `When X noted that A, ...` (A ends at
  the clause's comma or dash); participles after a main clause whose subject is a plural noun
  phrase no word list knows (`two speechwriters implored her ..., arguing that ...`);
* statement_verbs.csv (read only here, so the speaker finder's appositives are untouched):
  `X spoke (out) of/about Y`, `X accused Y of Z`, `X pointed to Y`;
* content ends before a trailing `, which ...` / `, forcing ...` aside and before `and <cue>`
  (`... and says ...`), never inside a quoted passage;
* quotes with no attribution (titles, Title Case names, scare quotes) are not statements; nor
  are speakers "I"/"we"/"you" that nothing resolves (the writer or the reader); another pronoun
  that nothing resolves ("it was stressed that ...") gives speaker "" with type "unknown", the
  pronoun kept at speaker_start/speaker_end;
* document structure (structure.py): transcript turns ("Vladimir Putin: ...",
  "Question: ...") and first-person texts ("Address by ...", "The message reads:") are direct
  statements of their speaker, over the statements the other rules find inside them.

Subjects may carry appositives ("Chad Bown, an expert at ..., said"), ages, party tags,
prepositional phrases ("Mr. Morgan of the Sierra Club said") and relative pronouns ("Trump,
who says ..." -> speaker span "who", speaker Trump), restrictive "who" clauses ("Residents who
attended the meeting said") and "whose" appositives after a role noun ("The senator, whose ...,
said").

Speakers are resolved per article (surname -> full name met earlier, he/she -> nearest person of
that gender, "the spokesman" -> last person with that role, "the ministry" -> last such
organisation) and linked through toolkit.kb; see toolkit/extract/speakers.py. Dates come from
toolkit.extract.dates.statement_date (skipped, with the same result, when the paragraph holds
no date word). Each step looks at a bounded window around a cue or a quote and run-on
"sentences" are cut at 2,000 characters, so the cost is linear in the text length.

``confidence`` is a rule prior, not a calibrated probability: 0.9 for a quote with its
attribution after it, 0.85 before it, 0.8 via a colon or a postposed attribution, 0.75 for
"according to", 0.7 for "X said (that)", 0.6 for gerunds, noun cues, "called" and summons;
0.1 less when the speaker is a pronoun; an unattributed quote paragraph gets its neighbour's
confidence less 0.3.
"""
from __future__ import annotations

from toolkit.extract.statements.pipeline import article_statements, extract_statements

__all__ = ["article_statements", "extract_statements"]
