"""Run every benchmark in turn and print its figures (`make bench`). Needs PostgreSQL (BENCH_PG,
default postgres://postgres@127.0.0.1:5432)."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["throughput.py", "signed_in.py", "plan_pdf.py", "certificates.py", "signups.py"]


def main():
    failed = []
    for name in BENCHMARKS:
        script = HERE / name
        if not script.exists():
            continue
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0:
            failed.append(name)
    if failed:
        print("failed: " + ", ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
