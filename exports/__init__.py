"""Board pack and data exports: PDF (fpdf2), PowerPoint (python-pptx), Excel (openpyxl), CSV.

Every format is built from one `exports.pack.Pack` (the content, gathered once from
`metrics`), and every chart is the same Plotly figure the pages show, rendered by kaleido.

    from exports.pdf import build_pdf        # (data, period, priority=None) -> bytes
    from exports.pptx import build_pptx      # (data, period, priority=None) -> bytes
    from exports.xlsx import build_xlsx      # (data, period, priority=None) -> bytes
    from exports.safe import to_csv_bytes    # (df) -> bytes, formula-injection safe
"""
