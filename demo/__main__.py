"""`python -m demo` rewrites data/demo/*.csv from data/demo_source/ (seeded, byte-stable)."""

from demo.generate import write_demo_files

for written in write_demo_files():
    print(written)
