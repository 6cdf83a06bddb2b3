"""policylib.py - what the policy tests share (policy_loader.py,
policy_rules.py, policy_profiles.py, policy_examples.py): the program under
test and the source tree, from the environment, and the TAP report of their
results.

Import it after `sys.dont_write_bytecode = True`: the source tree may be
read-only (make distcheck) and must not collect __pycache__.
"""

import os


def env():
    """(PGCONFLINT, TOP_SRCDIR); the source tree defaults to the one this
    file is in."""
    exe = os.environ.get('PGCONFLINT')
    top = os.environ.get('TOP_SRCDIR', os.path.join(os.path.dirname(__file__), '..', '..'))
    return exe, top


def checker(results):
    """check(name, ok, why='') appending (ok, name, why) to results."""
    def check(name, ok, why=''):
        results.append((bool(ok), name, why))
    return check


def report(results):
    """Print (ok, name, why) results as TAP, why under a failure; returns
    the exit status (0: the TAP lines say what failed)."""
    print('1..%d' % len(results))
    for n, (ok, name, why) in enumerate(results, 1):
        print('%sok %d - %s' % ('' if ok else 'not ', n, name))
        if not ok and why:
            print('#   ' + why)
    return 0
