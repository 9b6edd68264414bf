"""A build or a serve is started again at once with huge pages for its heap (generator/tuning.py); the programs it runs
get the user's environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import tuning

ROOT = Path(__file__).resolve().parent.parent


def _machine_allows() -> bool:
    return tuning.wanted(["checklist-site", "build"], {})


def test_only_a_build_or_a_serve_is_started_again_and_only_once() -> None:
    if not _machine_allows():
        pytest.skip("not Linux with glibc 2.35 or later and transparent huge pages")
    assert tuning.wanted(["checklist-site", "build"], {})
    assert tuning.wanted(["checklist-site", "-C", "x", "serve", "-q"], {})
    assert not tuning.wanted(["checklist-site", "check"], {})
    assert not tuning.wanted(["checklist-site"], {})
    assert not tuning.wanted(["build"], {})  # the program's own name is no command
    assert not tuning.wanted(["checklist-site", "build"], {tuning.SAVED: "-"})  # the started-again process
    assert not tuning.wanted(["checklist-site", "build"], {tuning.OFF: "1"})
    assert not tuning.wanted(["checklist-site", "build"], {tuning.VARIABLE: "glibc.malloc.hugetlb=0"})  # the user's say


def test_the_users_tunables_are_kept_and_put_back() -> None:
    env = tuning.tuned_environment({"GLIBC_TUNABLES": "glibc.malloc.check=0", "HOME": "/h"})
    assert env["GLIBC_TUNABLES"] == "glibc.malloc.check=0:glibc.malloc.hugetlb=1"
    assert env[tuning.SAVED] == "=glibc.malloc.check=0" and env["HOME"] == "/h"
    assert tuning.tuned_environment({})["GLIBC_TUNABLES"] == "glibc.malloc.hugetlb=1"
    assert tuning.tuned_environment({})[tuning.SAVED] == "-"
    assert tuning.tuned_environment({"GLIBC_TUNABLES": ""})[tuning.SAVED] == "="


def test_restore_puts_back_only_what_it_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    for saved, before, after in (("-", "glibc.malloc.hugetlb=1", None), ("=a=1", "a=1:glibc.malloc.hugetlb=1", "a=1"), ("junk", "x=1", "x=1")):
        monkeypatch.setenv(tuning.SAVED, saved)
        monkeypatch.setenv(tuning.VARIABLE, before)
        tuning.restore()
        assert os.environ.get(tuning.VARIABLE) == after and tuning.SAVED not in os.environ


_PROBE = """
import json, os, subprocess, sys
from generator import tuning
tuning.prepare()
started = open("/proc/self/environ", "rb").read()  # as the process started (glibc cut its tunables into pieces)
big = bytearray(64 << 20)  # one block of the heap, mapped by glibc
big[::4096] = b"x" * len(big[::4096])
huge = [int(line.split()[1]) for line in open("/proc/self/smaps_rollup") if line.startswith("AnonHugePages:")][0]
child = subprocess.run(["sh", "-c", 'printf %s "${GLIBC_TUNABLES-unset}/${CHECKLIST_SITE_TUNABLES-unset}"'], capture_output=True, text=True).stdout
print(json.dumps({"started": b"glibc.malloc.hugetlb=1" in started, "huge_kb": huge, "child": child,
                  "argv": sys.argv[1:]}))
"""


@pytest.mark.parametrize("own", [None, "glibc.malloc.check=0"])
def test_a_build_runs_with_huge_pages_and_what_it_runs_gets_the_users_environment(own: str | None) -> None:
    if not _machine_allows():
        pytest.skip("not Linux with glibc 2.35 or later and transparent huge pages")
    env = {k: v for k, v in os.environ.items() if k not in (tuning.VARIABLE, tuning.SAVED, tuning.OFF)}
    env["PYTHONPATH"] = str(ROOT)
    if own is not None:
        env[tuning.VARIABLE] = own
    done = subprocess.run([sys.executable, "-c", _PROBE, "build", "-q"], env=env, capture_output=True, text=True, check=True, timeout=60)
    seen = json.loads(done.stdout)
    assert seen["started"]  # started again with it, the arguments as given
    assert seen["argv"] == ["build", "-q"]
    assert seen["huge_kb"] >= 2048  # the heap got huge pages
    assert seen["child"] == f"{own or 'unset'}/unset"  # a program it runs: the user's environment
    other = subprocess.run([sys.executable, "-c", _PROBE, "check"], env=env, capture_output=True, text=True, check=True, timeout=60)
    assert not json.loads(other.stdout)["started"]  # not started again
