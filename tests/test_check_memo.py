"""checks.memo.by_identity: one derivation per options object, never a stale one."""
from replylint.checks import memo


class Opts:
    def __init__(self, words):
        self.words = words


def test_derived_once_per_object_and_anew_for_another():
    calls = []

    @memo.by_identity
    def derive(options):
        calls.append(options)
        return frozenset(options.words)

    a, b = Opts(["x"]), Opts(["y"])
    assert derive(a) == {"x"} and derive(a) == {"x"}
    assert derive(b) == {"y"}
    assert calls == [a, b]


def test_bounded_and_never_confuses_objects(monkeypatch):
    monkeypatch.setattr(memo, "KEPT", 3)
    calls = []

    @memo.by_identity
    def derive(options):
        calls.append(options)
        return tuple(options.words)

    for i in range(20):  # transient objects, whose ids Python reuses once they are freed
        assert derive(Opts([str(i)])) == (str(i),)
    kept = [Opts([str(i)]) for i in range(4)]
    for options in kept:
        derive(options)
    calls.clear()
    derive(kept[0])  # the fourth entry emptied the memo: the first is derived again
    assert calls == [kept[0]]
