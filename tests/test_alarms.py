"""Alarm definitions against the runbooks: readers of each format, `links --check`, `--fix`, and the outputs per system."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.exchange.alarms import System, read_definitions
from generator.exchange.jsonloc import load_json
from generator.exchange.links import AlarmLink, cloudwatch_description
from generator.format.types import InlineMarkdown

from .conftest import FIXTURES, make_project, run_cli

ALARMS = FIXTURES / "alarms"
SITE = "https://checklists.realserv.example"
ALERTS = {"high-error-rate": "HighErrorRate", "high-latency-p95": "HighLatencyP95", "redis-down": "RedisDown"}
CLOUDWATCH = {"realserv-prod-db-pool-exhausted", "realserv-prod-s3-upload-failures", "realserv-prod-service-down"}


@pytest.fixture
def alarm_project(tmp_path: Path) -> Path:
    """RealServ with three alarms in CloudWatch and three alerts in Prometheus (or Grafana): the runbooks list the alerts."""
    project = make_project(tmp_path / "p")
    runbooks = project / "data" / "runbooks.yaml"
    text = runbooks.read_text(encoding="utf-8")
    for runbook, alert in ALERTS.items():
        line = f"    alarm_name: realserv-prod-{runbook}\n"
        assert line in text, line
        text = text.replace(line, line + f"    alerts: [{alert}]\n")
    runbooks.write_text(text, encoding="utf-8")
    for f in ALARMS.iterdir():
        shutil.copy(f, project / f.name)
    return project


def links(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("links", *args, cwd=project)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, line: int) -> str:
    return path.read_text(encoding="utf-8").splitlines()[line - 1]


@pytest.mark.parametrize(
    "name, system",
    [
        ("describe-alarms.json", System.CLOUDWATCH),
        ("terraform-show.json", System.CLOUDWATCH),
        ("prometheus-rules.yml", System.PROMETHEUS),
        ("prometheusrule.yaml", System.PROMETHEUS),
        ("mimir-rules.yaml", System.PROMETHEUS),
        ("grafana-alert-rules.yaml", System.GRAFANA),
    ],
)
def test_each_format_is_read_with_names_links_and_lines(name: str, system: System) -> None:
    path = ALARMS / name
    alarms, issues = read_definitions(path, name)
    assert issues == []
    assert {a.system for a in alarms} == {system}
    expected = CLOUDWATCH if system is System.CLOUDWATCH else set(ALERTS.values())
    assert sorted(a.name for a in alarms) == sorted(expected)  # recording rules and the Namespace document are skipped
    for alarm in alarms:
        assert alarm.loc.file == name
        assert alarm.name in line_of(path, alarm.loc.line)[alarm.loc.column - 1 :]
        (link,) = [u for u in alarm.links if "/runbooks/" in u]
        assert link.startswith(f"{SITE}/runbooks/") and link in line_of(path, alarm.link_loc.line)


def test_json_is_located_and_its_syntax_errors_too() -> None:
    node, issues = load_json('{\n  "MetricAlarms": [\n    {"AlarmName": "a \\"quoted\\" name"}\n  ]\n}\n', "x.json")
    assert issues == [] and node is not None
    alarm = node.entries[0][1].items[0]  # type: ignore[union-attr]
    assert alarm.entries[0][1].value == 'a "quoted" name' and tuple(alarm.entries[0][1].loc) == ("x.json", 3, 19)
    _, issues = load_json('{\n  "MetricAlarms": [\n    {"AlarmName": "a",}\n  ]\n}\n', "x.json")
    assert [i.format() for i in issues] == [
        "x.json:3:23: error: JSON syntax error: Expecting property name enclosed in double quotes\n"
        "    hint: check the commas, quotes and brackets on this line and the one above"
    ]


@pytest.mark.parametrize("cloudwatch", ["describe-alarms.json", "terraform-show.json"])
@pytest.mark.parametrize("rules", ["prometheus-rules.yml", "prometheusrule.yaml", "mimir-rules.yaml", "grafana-alert-rules.yaml"])
def test_consistent_definitions_pass(alarm_project: Path, cloudwatch: str, rules: str) -> None:
    result = links(alarm_project, "--check", cloudwatch, rules)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok: 6 alarm(s) in 2 file(s) and 6 runbook(s) match, each alarm linking its runbook\n"
    assert result.stderr == ""


def test_a_alarm_without_runbook(alarm_project: Path) -> None:
    rules = alarm_project / "prometheus-rules.yml"
    rules.write_text(rules.read_text(encoding="utf-8") + "      - alert: RedisDwn\n        expr: redis_up == 0\n", encoding="utf-8")
    result = links(alarm_project, "--check", "describe-alarms.json", "prometheus-rules.yml")
    assert result.returncode == 1
    assert result.stderr == (
        "prometheus-rules.yml:39:16: error: Prometheus alert 'RedisDwn' has no runbook\n"
        "    hint: list it in a runbook's alerts: [RedisDwn], or add a runbook for it; did you mean 'RedisDown'?\n"
        "1 problem(s) between 7 alarm(s) in 2 file(s) and 6 runbook(s)\n"
    )


def test_a_and_b_a_renamed_cloudwatch_alarm(alarm_project: Path) -> None:
    edit(alarm_project / "describe-alarms.json", '"AlarmName": "realserv-prod-s3-upload-failures"', '"AlarmName": "realserv-prod-s3-upload-errors"')
    result = links(alarm_project, "--check", "describe-alarms.json", "prometheus-rules.yml")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "describe-alarms.json:35:26: error: CloudWatch alarm 'realserv-prod-s3-upload-errors' has no runbook",
        "    hint: add a runbook with 'alarm_name: realserv-prod-s3-upload-errors' to a runbook file in data/;"
        " did you mean 'realserv-prod-s3-upload-failures'?",
        "data/runbooks.yaml:235:5: error: runbook 's3-upload-failures' has no alarm in the given files"
        " (no alarm or alert named 'realserv-prod-s3-upload-failures')",
        "    hint: pass the file that defines its alarm, define the alarm, set its alarm_name or alerts to the names used, or remove the runbook",
        "2 problem(s) between 6 alarm(s) in 2 file(s) and 6 runbook(s)",
    ]
    assert line_of(alarm_project / "data" / "runbooks.yaml", 235) == "  - id: s3-upload-failures"


def test_b_runbook_whose_alerts_are_not_defined(alarm_project: Path) -> None:
    edit(alarm_project / "data" / "runbooks.yaml", "alerts: [HighErrorRate]", "alerts: [HighErrorRate, HighErrorRateCritical]")
    edit(alarm_project / "prometheus-rules.yml", "      - alert: RedisDown\n", "      - alert: RedisUnreachable\n")
    result = links(alarm_project, "--check", "describe-alarms.json", "prometheus-rules.yml")
    assert result.returncode == 1
    assert result.stderr.splitlines()[2:] == [
        "data/runbooks.yaml:70:5: error: runbook 'high-error-rate' lists alert 'HighErrorRateCritical', which is not defined in the given files",
        "    hint: define the alert, or remove it from alerts:; did you mean 'HighErrorRate'?",
        "data/runbooks.yaml:192:5: error: runbook 'redis-down' has no alarm in the given files"
        " (no alarm or alert named 'realserv-prod-redis-down' or 'RedisDown')",
        "    hint: pass the file that defines its alarm, define the alarm, set its alarm_name or alerts to the names used, or remove the runbook",
        "3 problem(s) between 6 alarm(s) in 2 file(s) and 6 runbook(s)",
    ]
    assert result.stderr.startswith("prometheus-rules.yml:32:16: error: Prometheus alert 'RedisUnreachable' has no runbook\n")


def test_c_links_that_are_not_the_runbooks_url(alarm_project: Path) -> None:
    edit(alarm_project / "prometheus-rules.yml", f"{SITE}/runbooks/high-error-rate/", "https://wiki.realserv.example/OPS/errors")
    edit(alarm_project / "describe-alarms.json", f" Runbook: {SITE}/runbooks/s3-upload-failures/", "")
    edit(alarm_project / "describe-alarms.json", "/runbooks/service-down/", "/runbooks/service-dwn/")
    result = links(alarm_project, "--check", "describe-alarms.json", "prometheus-rules.yml")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "describe-alarms.json:37:33: error: CloudWatch alarm 'realserv-prod-s3-upload-failures' has no runbook link; its runbook is https://checklists.realserv.example/runbooks/s3-upload-failures/",
        "    hint: put https://checklists.realserv.example/runbooks/s3-upload-failures/ in its AlarmDescription"
        " (`checklist-site links --format cloudwatch` or `--format terraform` prints one)",
        "describe-alarms.json:74:33: error: CloudWatch alarm 'realserv-prod-service-down' links https://checklists.realserv.example/runbooks/service-dwn/,"
        " not its runbook's URL https://checklists.realserv.example/runbooks/service-down/",
        "    hint: put https://checklists.realserv.example/runbooks/service-down/ in its AlarmDescription"
        " (`checklist-site links --format cloudwatch` or `--format terraform` prints one)",
        "prometheus-rules.yml:17:24: error: Prometheus alert 'HighErrorRate' links https://wiki.realserv.example/OPS/errors, not its runbook's URL https://checklists.realserv.example/runbooks/high-error-rate/",
        "    hint: set its annotation runbook_url: https://checklists.realserv.example/runbooks/high-error-rate/"
        " (`checklist-site links --fix prometheus-rules.yml` writes it)",
        "3 problem(s) between 6 alarm(s) in 2 file(s) and 6 runbook(s)",
    ]


def test_c_an_old_url_of_a_renamed_runbook_is_named_as_such(alarm_project: Path) -> None:
    edit(alarm_project / "data" / "runbooks.yaml", "  - id: redis-down\n", "  - id: redis-unavailable\n    former_ids: [redis-down]\n")
    result = links(alarm_project, "--check", "describe-alarms.json", "grafana-alert-rules.yaml")
    assert result.returncode == 1
    assert (
        "grafana-alert-rules.yaml:73:24: error: Grafana alert rule 'RedisDown' links https://checklists.realserv.example/runbooks/redis-down/ "
        "(the old URL of runbook 'redis-unavailable', which only redirects), not its runbook's URL https://checklists.realserv.example/runbooks/redis-unavailable/\n"
    ) in result.stderr


def test_unreadable_definitions_are_located(alarm_project: Path) -> None:
    (alarm_project / "broken.json").write_text('{"MetricAlarms": [\n  {"AlarmName": "x"\n]}\n', encoding="utf-8")
    result = links(alarm_project, "--check", "broken.json", "data/realserv-launch.yaml", "missing.yml")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "broken.json:3:1: error: JSON syntax error: Expecting ',' delimiter"
    assert lines[2].startswith("data/realserv-launch.yaml:") and lines[2].endswith(": error: not an alarm definition file")
    assert lines[3].startswith("    hint: pass the JSON of `aws cloudwatch describe-alarms`")
    assert lines[4] == "missing.yml: error: cannot read the file: No such file or directory"


def test_usage_and_site_url(alarm_project: Path) -> None:
    both = links(alarm_project, "--check", "prometheus-rules.yml", "--format", "json")
    assert both.returncode == 2 and "--format prints the links" in both.stderr
    assert links(alarm_project, "--check", "a.yml", "--fix", "b.yml").returncode == 2
    relative = links(alarm_project, "--check", "prometheus-rules.yml", "--site-url", "")
    assert relative.returncode == 1
    assert relative.stderr == (
        "error: alarm links need the site's absolute address, but site_url is empty\n    hint: set site_url: in mkdocs.yml, or pass --site-url https://...\n"
    )


def test_fix_writes_only_the_annotations_and_is_idempotent(alarm_project: Path) -> None:
    rules = alarm_project / "prometheus-rules-unlinked.yml"
    before = rules.read_text(encoding="utf-8")
    result = links(alarm_project, "--fix", rules.name)
    # DiskAlmostFull has no runbook: its rule is left alone, said so, and the exit status says it.
    assert result.returncode == 1
    assert result.stderr == (
        "prometheus-rules-unlinked.yml:37:9: error: alert 'DiskAlmostFull' has no runbook; its annotations are left as they are\n"
        "    hint: list it in a runbook's alerts: [DiskAlmostFull]\n"
    )
    assert result.stdout == "prometheus-rules-unlinked.yml: wrote the runbook_url of 3 alert(s): HighErrorRate, HighLatencyP95, RedisDown\n"
    after = rules.read_bytes()
    expected = (ALARMS / "prometheus-rules-unlinked.fixed.yml").read_text(encoding="utf-8")
    assert after.decode("utf-8").splitlines()[1:] == expected.splitlines()[1:]  # comments, quotes, flow style and blank lines kept
    assert after.decode("utf-8").splitlines()[0] == before.splitlines()[0]
    assert not list(alarm_project.glob(".prometheus-rules-unlinked.yml.*"))  # no temporary file left behind
    again = links(alarm_project, "--fix", rules.name)
    assert again.returncode == 1 and "nothing written" not in again.stdout and again.stdout == ""
    assert rules.read_bytes() == after
    # With the rule that has no runbook gone, the fixed file passes the check.
    rules.write_text(after.decode("utf-8").split("\n      - alert: DiskAlmostFull")[0] + "\n", encoding="utf-8")
    assert links(alarm_project, "--fix", rules.name).stdout == "prometheus-rules-unlinked.yml: every runbook_url is right already; nothing written\n"
    check = links(alarm_project, "--check", "describe-alarms.json", rules.name)
    assert check.returncode == 0, check.stderr


def test_fix_keeps_a_multi_document_prometheusrule_and_crlf(alarm_project: Path) -> None:
    manifest = alarm_project / "prometheusrule.yaml"
    text = manifest.read_text(encoding="utf-8")
    stale = text.replace(f"{SITE}/runbooks/", "https://old.example/runbooks/").replace("\n", "\r\n")
    manifest.write_bytes(stale.encode("utf-8"))
    result = links(alarm_project, "--fix", manifest.name)
    assert result.returncode == 0, result.stderr
    assert manifest.read_bytes() == text.replace("\n", "\r\n").encode("utf-8")


def test_fix_leaves_a_file_it_would_reformat(alarm_project: Path) -> None:
    odd = alarm_project / "odd.yml"
    odd.write_text("groups:\n- name: a\n  rules:\n     - alert: RedisDown\n       expr: redis_up == 0\n", encoding="utf-8")
    before = odd.read_bytes()
    result = links(alarm_project, "--fix", odd.name)
    assert result.returncode == 1
    assert result.stderr.startswith("odd.yml:1:1: error: left unchanged: ruamel.yaml cannot write this file back as it is, so --fix would reformat it\n")
    assert odd.read_bytes() == before


def test_prometheus_output_merges_into_the_rules(alarm_project: Path) -> None:
    result = links(alarm_project, "--format", "prometheus")
    assert result.returncode == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    assert doc["HighErrorRate"] == {"annotations": {"runbook_url": f"{SITE}/runbooks/high-error-rate/"}}
    assert doc["realserv-prod-service-down"] == {"annotations": {"runbook_url": f"{SITE}/runbooks/service-down/"}}
    assert len(doc) == 6
    # Deep-merged into the unlinked rules (as `yq` or a jsonnet mixin would), the rules link their runbooks.
    rules = yaml.safe_load((alarm_project / "prometheus-rules-unlinked.yml").read_text(encoding="utf-8"))
    for group in rules["groups"]:
        for rule in group["rules"]:
            if rule.get("alert") in doc:
                rule.setdefault("annotations", {}).update(doc[rule["alert"]]["annotations"])
    (alarm_project / "merged.yml").write_text(yaml.safe_dump(rules), encoding="utf-8")
    check = links(alarm_project, "--check", "describe-alarms.json", "merged.yml")
    assert check.returncode == 1 and check.stderr.count("error:") == 1 and "'DiskAlmostFull' has no runbook" in check.stderr


def test_terraform_output_is_evaluated_by_terraform(alarm_project: Path, tmp_path: Path) -> None:
    tricky = 'Redis "cache" down at ${var.env} %{if x} \\ 100%'  # one backslash
    edit(alarm_project / "data" / "runbooks.yaml", "title: Redis down\n", f"title: '{tricky}'\n")
    result = links(alarm_project, "--format", "terraform")
    assert result.returncode == 0, result.stderr
    assert 'alarm_description = local.runbook_alarm_descriptions["<alarm_name>"]' in result.stdout
    terraform = shutil.which("terraform")
    if terraform is None:
        pytest.skip("terraform is not installed")
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "runbooks.tf").write_text(result.stdout, encoding="utf-8")
    env = {**os.environ, "TF_CLI_CONFIG_FILE": os.devnull, "CHECKPOINT_DISABLE": "1"}
    console = [terraform, "console"]
    ask = "jsonencode(local.runbook_alarm_descriptions)\n"
    shown = subprocess.run(console, input=ask, cwd=tmp_path / "tf", env=env, capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    values = json.loads(json.loads(shown.stdout))
    assert len(values) == 6
    redis = values["realserv-prod-redis-down"]
    link = AlarmLink("redis-down", "realserv-prod-redis-down", InlineMarkdown(tricky), "high", f"{SITE}/runbooks/redis-down/", "")
    assert redis == cloudwatch_description(link)
    assert redis.startswith('[HIGH] Redis "cache" down at ${var.env} %{if x} \\ 100%.')


def test_a_name_answered_by_two_runbooks_is_rejected(alarm_project: Path) -> None:
    edit(alarm_project / "data" / "runbooks.yaml", "alerts: [RedisDown]", "alerts: [RedisDown, HighErrorRate]")
    result = run_cli("check", cwd=alarm_project)
    assert result.returncode == 1
    assert "data/runbooks.yaml:192:5: error: runbook 'redis-down' answers alarm 'HighErrorRate', which runbook 'high-error-rate' answers too" in result.stderr


def test_pre_commit_hook_checks_a_folder_of_definitions(alarm_project: Path) -> None:
    from .conftest import ROOT

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "checklist-site-links")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "monitoring/rules.yml") and re.search(hook["files"], "data/runbooks.yaml") and not re.search(hook["files"], "README.md")
    monitoring = alarm_project / "monitoring"
    (monitoring / "prometheus").mkdir(parents=True)
    shutil.copy(ALARMS / "describe-alarms.json", monitoring / "cloudwatch.json")
    shutil.copy(ALARMS / "prometheus-rules.yml", monitoring / "prometheus" / "api.rules.yml")
    args = [*hook["entry"].split()[1:], "monitoring/"]  # what pre-commit runs with `args: [monitoring/]`
    ok = run_cli(*args, cwd=alarm_project)
    assert ok.returncode == 0 and ok.stdout.startswith("ok: 6 alarm(s) in 2 file(s)"), ok.stderr
    (monitoring / "prometheus" / "api.rules.yml").unlink()
    failed = run_cli(*args, cwd=alarm_project)
    assert failed.returncode == 1 and failed.stderr.count("has no alarm in the given files") == 3


def test_grafana_json_export_and_a_kubectl_list_are_read(tmp_path: Path) -> None:
    """Grafana's export API also answers in JSON, and `kubectl get prometheusrules -o yaml` wraps the rules in a List."""
    grafana = yaml.safe_load((ALARMS / "grafana-alert-rules.yaml").read_text(encoding="utf-8"))
    (tmp_path / "grafana.json").write_text(json.dumps(grafana, indent=2), encoding="utf-8")
    alarms, issues = read_definitions(tmp_path / "grafana.json", "grafana.json")
    assert issues == [] and [(a.name, a.system) for a in alarms] == [(name, System.GRAFANA) for name in ALERTS.values()]
    assert all('"runbook_url"' in line_of(tmp_path / "grafana.json", a.link_loc.line) for a in alarms)
    rule = list(yaml.safe_load_all((ALARMS / "prometheusrule.yaml").read_text(encoding="utf-8")))[1]
    (tmp_path / "list.yaml").write_text(yaml.safe_dump({"apiVersion": "v1", "kind": "List", "items": [rule]}), encoding="utf-8")
    alarms, issues = read_definitions(tmp_path / "list.yaml", "list.yaml")
    assert issues == [] and [a.name for a in alarms] == list(ALERTS.values())


def test_fix_refuses_what_is_not_a_rule_file(alarm_project: Path) -> None:
    before = (alarm_project / "describe-alarms.json").read_bytes()
    result = links(alarm_project, "--fix", "describe-alarms.json")
    assert result.returncode == 1
    assert result.stderr.startswith("describe-alarms.json:1:1: error: no alerting rules found\n")
    assert (alarm_project / "describe-alarms.json").read_bytes() == before


@pytest.mark.parametrize(
    "name, old, new, said",
    [
        ("prometheus-rules.yml", "    rules:\n      # 5xx", "    rulez:\n      # 5xx", "unknown key 'rulez' in a Prometheus rule group"),
        ("prometheus-rules.yml", "      - alert: HighLatencyP95", "      - alrt: HighLatencyP95", "unknown key 'alrt' in a Prometheus rule"),
        ("prometheusrule.yaml", "annotations:", "anotations:", "unknown key 'anotations' in Prometheus rule '"),
    ],
    ids=["group-key", "rule-key", "in-a-prometheusrule"],
)
def test_a_misspelled_key_of_a_rule_file_is_located_and_fix_leaves_it(alarm_project: Path, name: str, old: str, new: str, said: str) -> None:
    """'rulez:' had the group's alerts read as none, 'alrt:' the alert as a recording rule, without a word (Prometheus
    refuses such a file); and --fix wrote a second 'annotations:' beside 'anotations:'. Said at the key; nothing written."""
    path = alarm_project / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    at = text.index(old) + (len(old) - len(old.lstrip())) + (old.lstrip().startswith("- ") and 2)
    where = f"{name}:{text.count(chr(10), 0, at) + 1}:{at - text.rfind(chr(10), 0, at)}: error: "
    checked = links(alarm_project, "--check", name)
    assert checked.returncode == 1 and checked.stderr.startswith(where + said), checked.stderr
    assert "did you mean '" in checked.stderr and "has no alarm" not in checked.stderr  # not every runbook without its alarm
    before = path.read_bytes()
    fixed = links(alarm_project, "--fix", name)
    assert fixed.returncode == 1 and fixed.stderr.startswith(where + "left unchanged: " + said), fixed.stderr
    assert path.read_bytes() == before


_CHAT = st.lists(st.sampled_from(["<!channel>", "<!here>", "<@U024BE7LH>", "<#C1>", "<!subteam^S1>", "@here", "@oncall-team", "@", "<",
                                  "!", "#", "a@b.test", "x", " ", "*", "`", "[l](https://x.test/@a)", "é"]), min_size=1, max_size=8).map("".join)


@settings(max_examples=200, deadline=None)
@given(_CHAT.map(str.strip).filter(bool))
@example("Service down <!channel> @here").via("found: a runbook title pinged the channel at every alarm posted to Slack")
def test_no_alarm_description_mentions_anyone_in_a_chat_tool(title: str) -> None:
    """An alarm's description is posted to Slack (the usual Lambda and AWS Chatbot put it in a message as it is), where
    '<!channel>', '<!here>', '<@U…>' and, with link_names, '@here' or '@oncall-team' notify people: a runbook's title
    holding one pinged them at every alarm. Each sign is followed by a word joiner: the same words to a reader (and the
    description as before without the joiners), no mention to the tool."""
    from generator.site.escape import script_text

    link = AlarmLink("x", "x-alarm", InlineMarkdown(title), "high", f"{SITE}/runbooks/x/", "")
    said = cloudwatch_description(link)
    assert not re.search(r"<[!@#]|(?<![A-Za-z0-9])@[A-Za-z0-9_]", said), (title, said)
    assert said.replace("\u2060", "") == f"[HIGH] {script_text(InlineMarkdown(title))}. Runbook: {SITE}/runbooks/x/", (title, said)
