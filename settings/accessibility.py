"""The accessibility statement, in the form the 2018 accessibility regulations expect.

The Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations
2018 require a statement with these sections (GOV.UK's model statement): how accessible the
service is, how to get content in another format, reporting problems, the enforcement
procedure, compliance status, non-accessible content, and how the statement was prepared.
"""

from __future__ import annotations

import datetime as dt

from metrics.periods import day_long

PREPARED = dt.date(2026, 12, 1)


def statement(contact: str, prepared: dt.date = PREPARED) -> str:
    """The statement as Markdown (constant text plus the council's contact, escaped by caller)."""
    when = day_long(prepared)
    return f"""
This accessibility statement applies to **Meaningful Measures**, the Adult Social Care
performance dashboard (its pages, board mode and the board pack it exports).

This service is run by the council's Adult Social Care directorate. We want as many people
as possible to be able to use it. For example, you should be able to:

- change colours, contrast levels and fonts using your browser or device settings
- zoom in up to 400% without the text spilling off the screen
- navigate every page using just a keyboard
- navigate every page using speech recognition software
- listen to every page using a screen reader (including the latest versions of JAWS, NVDA
  and VoiceOver)

We have also made the text as simple as possible to understand. RAG status is always shown by
shape and word as well as colour (★ Green, ● Amber, ▲ Red), and the direction of a change is an
arrow for the figure (↑ rose, ↓ fell) with a separate word for the judgement (better, worse).

[AbilityNet](https://mcmw.abilitynet.org.uk/) has advice on making your device easier to use
if you have a disability.

## How accessible this service is

We know some parts of this service are not fully accessible:

- charts are drawn as images in the browser; every chart has a title and labelled axes, and
  the same figures are in a table on the page or in the CSV download, but a screen reader
  cannot move from point to point inside a chart
- the measure explorer's SPC chart shows special-cause points by colour and shape; the
  meaning of the latest point is also given in words above the chart
- the exported PDF and PowerPoint board packs have not been tested with a screen reader

## Feedback and contact information

If you need information from this service in a different format, like accessible PDF, large
print, easy read, audio recording or braille, contact {contact}. We will consider your
request and get back to you within 10 working days.

## Reporting accessibility problems with this service

We are always looking to improve the accessibility of this service. If you find any problems
not listed on this page or think we are not meeting accessibility requirements, contact
{contact}.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the
"accessibility regulations"). If you are not happy with how we respond to your complaint,
[contact the Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/).

## Technical information about this service's accessibility

The council is committed to making this service accessible, in accordance with the Public
Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.

### Compliance status

This service is partially compliant with the
[Web Content Accessibility Guidelines version 2.2](https://www.w3.org/TR/WCAG22/) AA standard,
due to the non-compliances listed below.

## Non-accessible content

The content listed below is non-accessible for the following reasons.

### Non-compliance with the accessibility regulations

- Points inside the interactive charts cannot be reached one by one with a keyboard or a
  screen reader (WCAG 2.2 success criteria 1.1.1 Non-text content and 2.1.1 Keyboard). The
  figures are available as tables and CSV downloads on the same page. We plan to add a text
  summary to every chart by the end of March 2027.
- The exported PDF and PowerPoint packs have not been checked for reading order and tagging
  (success criterion 1.3.1 Info and relationships). We plan to test them by the end of March
  2027; until then the same content is available on the dashboard's pages.

### Disproportionate burden

We are not currently claiming that any accessibility problems would be a disproportionate
burden to fix.

### Content that's not within the scope of the accessibility regulations

Spreadsheets (XLSX) and CSV files that people load into the dashboard are data files, not
documents for the public, and are not within scope.

## What we're doing to improve accessibility

Every page, board mode included, is checked with the axe-core accessibility engine (WCAG 2.0,
2.1 and 2.2 A and AA rules) in an automated browser test on every change, and the test fails
on any violation of any impact. Board mode is checked at 1920 × 1080 and 1366 × 768.

## Preparation of this accessibility statement

This statement was prepared on {when}. It was last reviewed on {when}.

This service was last tested on {when}. The test was carried out by the development team using
automated checks (axe-core 4 in Chromium) on every page, and manual checks of keyboard
navigation, text resizing to 200% and the board mode on a projector-sized screen.
"""
