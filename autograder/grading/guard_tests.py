"""Running one graded test inside the kernel (loaded by `harness.py` for `guard.py`, in a private
namespace): restore, compile, run with signals blocked, restore again, publish the token or
return the failure.

Standard library only.
"""
from __future__ import annotations

from signal import SIG_BLOCK, SIG_SETMASK, SIGKILL, SIGSTOP, pthread_sigmask, valid_signals

MIME = "application/x-dqn-grader+json"
ALL_SIGNALS = tuple(s for s in valid_signals() if s not in (SIGKILL, SIGSTOP))


def make_test_runner(tokens: dict, tests: dict, publish, ns: dict, restore, state: dict, failure_types: dict):
    """`run_test(gid)` for the hook: `state` holds its busy and in-test flags; `failure_types`
    receives the exception types it makes, so that the hook re-raises them as they are."""
    compile_, exec_ = compile, exec

    def run_test(gid: str):
        """Run one graded test; publish its token if it passed. Returns the failure to raise, if any.

        The grader's own work (restoring, compiling) runs busy, when only the student's code is
        checked; publishing runs as the test does, since IPython's classes (which publish) are
        the student's to patch: nothing they run may take a frame."""
        state["busy"] = True
        try:
            before = restore()
            code = compile_(tests[gid], "<graded test>", "exec")
            # No signal handler is handed a frame of the test (a handler installed and signals unblocked
            # while it runs are reported after it, and void it: Python audits neither).
            mask = pthread_sigmask(SIG_BLOCK, ALL_SIGNALS)
        finally:
            state["busy"] = False
        failure = None
        state["in_test"] = True
        try:
            if before:
                publish({MIME: {"grade_id": gid, "tampered_before": before}}, metadata={})
            exec_(code, ns)
        except BaseException as err:  # noqa: BLE001 -- every failure is reported, as the kernel would
            failure = (type(err).__name__, str(err), issubclass(type(err), KeyboardInterrupt))
            del err
        state["busy"] = True
        try:
            during = restore()
            if set(pthread_sigmask(SIG_BLOCK, ())) != set(ALL_SIGNALS):
                during.append("signals were unblocked while the test ran")
        finally:
            state["busy"] = False
        try:
            if during:
                publish({MIME: {"grade_id": gid, "tampered_during": during}}, metadata={})
                if failure is None:
                    failure = ("RuntimeError", "This test does not count: while it ran, " + "; ".join(during[:3]) + ".",
                               False)
            if failure is None:
                publish({MIME: {"grade_id": gid, "token": tokens[gid]}}, metadata={})
        finally:
            state["in_test"] = False
            pthread_sigmask(SIG_SETMASK, mask)
        if failure is None:
            return None
        name, message, interrupt = failure
        if interrupt:
            return KeyboardInterrupt(message)
        kind = type(name, (Exception,), {"__module__": "graded_test"})
        failure_types[id(kind)] = kind
        return kind(message)

    return run_test
