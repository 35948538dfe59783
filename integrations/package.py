"""Build the sample helpdesk apps, ready to install:

    python integrations/package.py [--out dist]

writes `dist/replylint-zendesk.zip` (upload it as a private app in Zendesk Admin Center) and
`dist/replylint-front/` (put it on any https host and register its address as a Front plugin).

Both apps carry a copy of the service's browser client, `replylint-client.js`, and its panel
styles; the one source of those is `replylint/service/static/` (the service serves them too), so
this script copies them in rather than keeping a second copy in git. Standard library only.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = ("replylint-client.js", "replylint-sidebar.css")


def shared_dir() -> Path:
    """The service's static folder: in this clone, or in the installed replylint package."""
    in_clone = HERE.parent / "replylint" / "service" / "static"
    if (in_clone / SHARED[0]).is_file():
        return in_clone
    try:
        import replylint.service
    except ImportError:
        sys.exit("package.py: run it from a replylint clone, or pip install replylint first")
    return Path(replylint.service.__file__).parent / "static"


def zendesk(out: Path, shared: Path) -> Path:
    """The ZAF app as Zendesk takes it: manifest.json, translations/ and assets/ at the zip's root."""
    source = HERE / "zendesk"
    target = out / "replylint-zendesk.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file() and path.name != "README.md":
                archive.write(path, path.relative_to(source).as_posix())
        for name in SHARED:
            archive.write(shared / name, f"assets/{name}")
    return target


def front(out: Path, shared: Path) -> Path:
    """The Front plugin: a folder of static files, served as they are."""
    target = out / "replylint-front"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(HERE / "front", target, ignore=shutil.ignore_patterns("README.md"))
    for name in SHARED:
        shutil.copy2(shared / name, target / name)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("dist"), help="folder to write to (default: dist)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    shared = shared_dir()
    for built in (zendesk(args.out, shared), front(args.out, shared)):
        print(f"wrote {built}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
