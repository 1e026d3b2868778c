#!/usr/bin/env python3
"""For each public example set (../shared/examples/parents and parents-autumn, or the --examples folders given):
imports its data into a scratch store, runs `maildaemon explain --json` on every message, and prints exact-match
accuracy over the applicable messages and how many must-not-apply messages would change the records. Skips (exit 0)
a set that is absent. The test suite checks the same in-process (EspaceCoreTests.ExamplesUnderstandingTests).

Usage: python3 scripts/examples-accuracy.py [--bin .build/debug/maildaemon] [--examples DIR ...] [--verbose]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default=os.path.join(ROOT, '.build/debug/maildaemon'))
    ap.add_argument('--examples', nargs='+', default=[os.path.join(ROOT, '..', 'shared', 'examples', s)
                                                      for s in ('parents', 'parents-autumn')])
    ap.add_argument('--verbose', action='store_true')
    a = ap.parse_args()
    status = 0
    for examples in a.examples:
        status |= run_set(a, examples)
    return status


def run_set(a, examples):
    a.examples = examples
    expected_path = os.path.join(a.examples, 'expected.json')
    if not os.path.exists(expected_path):
        print(f'examples: {a.examples} absent, skipped')
        return 0
    expected = json.load(open(expected_path, encoding='utf-8'))
    today = expected['today']
    staff = [l.strip() for l in open(os.path.join(a.examples, 'data', 'staff.txt'), encoding='utf-8') if l.strip()]
    work = tempfile.mkdtemp(prefix='ef-examples-')
    config = os.path.join(work, 'espace.json')
    json.dump({'service_address': 'espace-famille@mairie.test', 'message_id_domain': 'espace-famille.mairie.test',
               'staff': staff, 'imap': {'url': 'imap://127.0.0.1'}, 'smtp': {'url': 'smtp://127.0.0.1'},
               'store_path': os.path.join(work, 'espace.sqlite'), 'templates_dir': os.path.join(ROOT, 'templates'),
               'trust': {'policy': 'none'}}, open(config, 'w'))
    subprocess.run([a.bin, 'import', '--config', config, '--today', today, os.path.join(a.examples, 'data')],
                   check=True, stdout=subprocess.DEVNULL)
    fields = ['intent', 'children', 'dates', 'activity', 'slot', 'key', 'einvoice', 'certificate']
    applicable = exact = mna = mna_certain = 0
    for name, exp in sorted(expected['messages'].items()):
        out = subprocess.run([a.bin, 'explain', '--config', config, '--today', today, '--json',
                              os.path.join(a.examples, 'messages', name)], capture_output=True, text=True)
        if out.returncode != 0:
            print(f'{name}: explain failed: {out.stderr.strip()[:300]}')
            got = {'sender': None, 'forwarded_by': None, 'requests': []}
        else:
            got = json.loads(out.stdout)
        got_reqs = [{k: r.get(k) for k in fields} for r in got['requests']]
        want_reqs = [{k: r.get(k) for k in fields} for r in exp['requests']]
        same = (got['sender'] == exp['sender'] and got['forwarded_by'] == exp['forwarded_by'] and got_reqs == want_reqs)
        if exp['must_not_apply']:
            mna += 1
            # A must-not-apply message fails when the daemon would apply it: explain's dry run (the daemon's own
            # handling, rules included, rolled back) reports whether the family's records would change.
            dry = got.get('dry_run', {})
            if dry.get('would_change', True):
                mna_certain += 1
                print(f'{name}: must not apply but would change the records: {dry.get("outcome")}')
            elif a.verbose:
                print(f'{name}: ok (must not apply)')
        else:
            applicable += 1
            unsure = [r for r in got['requests'] if r['confidence'] != 'certain']
            if same and not unsure:
                exact += 1
                if a.verbose:
                    print(f'{name}: ok')
            else:
                print(f'{name}: MISMATCH\n  want {exp["sender"]} {exp["forwarded_by"]} {want_reqs}\n  got  {got["sender"]} {got["forwarded_by"]} {got_reqs} unsure={len(unsure)}')
    print(f'examples: exact match {exact}/{applicable} applicable ({100.0 * exact / max(1, applicable):.1f}%), '
          f'must-not-apply that would change the records: {mna_certain}/{mna}')
    return 0 if exact == applicable and mna_certain == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
