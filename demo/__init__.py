"""The illustrative demo data's generator: reads `data/demo_source/`, writes `data/demo/`.

Not imported by the app: the app loads the committed `data/demo/*.csv` (store.reference).
"""
