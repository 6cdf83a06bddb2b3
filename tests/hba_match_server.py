#!/usr/bin/env python3
"""hba_match_server.py — `pgconflint hba-match` against a real PostgreSQL 15.

Starts a throwaway PostgreSQL 15 cluster of its own (never the oracle's),
listening on a Unix socket, 127.0.0.1 and ::1 with ssl=on (a self-signed
certificate made here). For each generated pg_hba.conf — one `trust` line
among `reject` lines — it reloads the server and connects over the socket,
IPv4 and IPv6, with and without SSL, as several users to several databases
(and as physical replication), and checks that whether each connection
reaches the trust line, hits a reject line or matches nothing agrees with
`hba-match --pg-version 15`. Prints `# agreement: N/M`.

Environment: PGCONFLINT (the binary), PG15_BIN (default
/usr/lib/postgresql/15/bin), PGCL_REQUIRE_ORACLE=1 (fail instead of skip when
PostgreSQL 15 is missing), PGCL_HBA_SEED (random seed), PGCL_HBA_FILES (how
many generated files).
"""
import concurrent.futures
import json
import os
import pwd
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

PGBIN = os.environ.get("PG15_BIN", "/usr/lib/postgresql/15/bin")
PGCONFLINT = os.environ.get("PGCONFLINT", "pgconflint")
SEED = int(os.environ.get("PGCL_HBA_SEED", "15032025"))
NFILES = int(os.environ.get("PGCL_HBA_FILES", "60"))
SERVER_USER = "postgres"
SUPERUSER = "pgtest"

# Roles: team is inside staff; alice is in staff, bob in team (so in staff
# indirectly); carol, staff and rep belong to nothing.
GROUPS = {"alice": ["staff"], "bob": ["team", "staff"], "carol": [], "staff": [], "rep": []}
USERS = list(GROUPS)
DATABASES = ["db1", "db2", "alice", "staff", "team"]
SETUP_SQL = """
CREATE ROLE staff LOGIN;
CREATE ROLE team NOLOGIN IN ROLE staff;
CREATE ROLE alice LOGIN IN ROLE staff;
CREATE ROLE bob LOGIN IN ROLE team;
CREATE ROLE carol LOGIN;
CREATE ROLE rep LOGIN REPLICATION;
CREATE DATABASE db1; CREATE DATABASE db2; CREATE DATABASE alice;
CREATE DATABASE staff; CREATE DATABASE team;
"""

TYPES = ["local"] * 3 + ["host"] * 3 + ["hostssl"] * 2 + ["hostnossl"] * 2 + \
        ["hostgssenc", "hostnogssenc"]
DB_TOKENS = ["all", "all", "sameuser", "samerole", "samegroup", "replication", "db1", "db2",
             "alice", "staff", "team", '"db1"', '"all"', '"replication"', "DB1", "al\"ice\""]
USER_TOKENS = ["all", "all", "alice", "bob", "carol", "staff", "rep", "+staff", "+team",
               "+alice", '"+staff"', '"all"', "Alice", "+nosuchrole"]
ADDRESSES = ["all", "all", "samehost", "samenet", "127.0.0.1/32", "127.0.0.0/8",
             "127.0.0.2/32", "127.0.0.1/31", "127.0.0.1 255.255.255.255",
             "127.0.0.0 255.0.0.0", "127.1.0.1 255.0.255.0", "127.0.0.1 255.0.0.255",
             "10.0.0.0/8", "0.0.0.0/0", "::1/128", "::/0", "::2/128", "fe80::/10",
             "::1 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "::ffff:127.0.0.1/128",
             "127.1/32", "0::1/127"]


def tap_fail_early(msg):
    print("1..1")
    print("not ok 1 - " + msg)
    sys.exit(1)


def skip_or_fail(reason):
    if os.environ.get("PGCL_REQUIRE_ORACLE") == "1":
        tap_fail_early(reason + " (PGCL_REQUIRE_ORACLE=1)")
    print("1..0 # SKIP " + reason)
    sys.exit(0)


class Server:
    """A private PostgreSQL 15 cluster in a temporary directory."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="pgcl-hba-server-")
        self.started = False
        self.as_root = os.geteuid() == 0
        if self.as_root:
            try:
                pw = pwd.getpwnam(SERVER_USER)
            except KeyError:
                subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                                "/usr/sbin/nologin", SERVER_USER], check=True)
                pw = pwd.getpwnam(SERVER_USER)
            self.uid, self.gid = pw.pw_uid, pw.pw_gid
            os.chown(self.tmp, self.uid, self.gid)
        os.chmod(self.tmp, 0o755)
        self.data = os.path.join(self.tmp, "data")
        self.sock = os.path.join(self.tmp, "sock")
        self.hba = os.path.join(self.tmp, "pg_hba.conf")
        self.log = os.path.join(self.tmp, "server.log")
        self.ipv6 = self._have_ipv6()
        self.port = self._free_port()

    def _have_ipv6(self):
        try:
            with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
                s.bind(("::1", 0))
            return True
        except OSError:
            return False

    def _free_port(self):
        for _ in range(50):
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
            if self.ipv6:
                try:
                    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
                        s.bind(("::1", port))
                except OSError:
                    continue
            return port
        raise RuntimeError("no free port")

    def as_server(self, cmd, **kw):
        if self.as_root:
            cmd = ["setpriv", "--reuid=%d" % self.uid, "--regid=%d" % self.gid,
                   "--clear-groups", "--"] + cmd
        return subprocess.run(cmd, cwd=self.tmp, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, **kw)

    def write_owned(self, path, text, mode=0o644):
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, mode)
        if self.as_root:
            os.chown(path, self.uid, self.gid)

    def start(self):
        os.mkdir(self.sock)
        if self.as_root:
            os.chown(self.sock, self.uid, self.gid)
        r = self.as_server([os.path.join(PGBIN, "initdb"), "-D", self.data, "-U", SUPERUSER,
                            "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"])
        if r.returncode:
            raise RuntimeError("initdb failed: " + r.stderr)
        key, crt = os.path.join(self.tmp, "server.key"), os.path.join(self.tmp, "server.crt")
        r = self.as_server(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                            "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                            "-subj", "/CN=localhost", "-keyout", key, "-out", crt])
        if r.returncode:
            raise RuntimeError("openssl failed: " + r.stderr)
        os.chmod(key, 0o600)
        self.write_owned(self.hba, "local all %s trust\n" % SUPERUSER)
        listen = "127.0.0.1,::1" if self.ipv6 else "127.0.0.1"
        opts = " ".join([
            "-c port=%d" % self.port, "-c listen_addresses='%s'" % listen,
            "-c unix_socket_directories='%s'" % self.sock, "-c hba_file='%s'" % self.hba,
            "-c ssl=on", "-c ssl_cert_file='%s'" % crt, "-c ssl_key_file='%s'" % key,
            "-c fsync=off", "-c lc_messages=C", "-c shared_buffers=16MB",
            "-c max_connections=30"])
        r = self.as_server([os.path.join(PGBIN, "pg_ctl"), "-D", self.data, "-l", self.log,
                            "-w", "-t", "60", "-o", opts, "start"])
        self.started = True
        if r.returncode:
            raise RuntimeError("pg_ctl start failed: " + r.stderr + self.tail_log())
        # One -c per statement: CREATE DATABASE refuses a transaction block.
        stmts = [q.strip() for q in SETUP_SQL.split(";") if q.strip()]
        r = self.psql(self.sock, SUPERUSER, "postgres", "disable", stmts)
        if r.returncode:
            raise RuntimeError("setup failed: " + r.stderr)

    def tail_log(self):
        try:
            with open(self.log) as f:
                return "".join(f.readlines()[-20:])
        except OSError:
            return ""

    def stop(self):
        if self.started:
            self.as_server([os.path.join(PGBIN, "pg_ctl"), "-D", self.data, "-m", "immediate",
                            "-w", "stop"])
            self.started = False
        shutil.rmtree(self.tmp, ignore_errors=True)

    def psql(self, host, user, db, sslmode, sql, replication=False):
        """sql: one command, or a list run one after the other."""
        conn = "host='%s' port=%d user=%s dbname=%s sslmode=%s gssencmode=disable " \
               "connect_timeout=10" % (host, self.port, user, db, sslmode)
        if replication:
            conn += " replication=true"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        cmds = []
        for q in [sql] if isinstance(sql, str) else sql:
            cmds += ["-c", q]
        return subprocess.run([os.path.join(PGBIN, "psql"), "-X", "-w", "-q", "-At", "-d", conn,
                               "-v", "ON_ERROR_STOP=1"] + cmds, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env, timeout=30)

    def install(self, text, generation):
        """Install a pg_hba.conf and wait until new connections see it."""
        self.write_owned(self.hba, text)
        r = self.as_server([os.path.join(PGBIN, "pg_ctl"), "-D", self.data, "reload"])
        if r.returncode:
            raise RuntimeError("reload failed: " + r.stderr)
        deadline = time.time() + 15
        while time.time() < deadline:
            r = self.psql(self.sock, SUPERUSER, "gen_%d" % generation, "disable", "select 1")
            if 'database "gen_%d" does not exist' % generation in r.stderr:
                return
            time.sleep(0.02)
        raise RuntimeError("the server did not load generation %d:\n%s" %
                           (generation, self.tail_log()))


def local_addresses():
    """This machine's interface addresses as ADDR/PREFIX, from `ip`, or None."""
    try:
        out = subprocess.run(["ip", "-o", "addr", "show"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    addrs = []
    for line in out.splitlines():
        f = line.split()
        for i, w in enumerate(f[:-1]):
            if w in ("inet", "inet6"):
                addrs.append(f[i + 1])
    return ",".join(addrs) if addrs else None


def random_line(rng):
    typ = rng.choice(TYPES)
    dbs = ",".join(rng.sample(DB_TOKENS, rng.choice([1, 1, 1, 2, 3])))
    users = ",".join(rng.sample(USER_TOKENS, rng.choice([1, 1, 1, 2, 3])))
    if typ == "local":
        return "%s %s %s" % (typ, dbs, users)
    return "%s %s %s %s" % (typ, dbs, users, rng.choice(ADDRESSES))


FIXED = [
    ["hostssl all all 127.0.0.1/32", "host all all 127.0.0.1/32 T"],
    ["hostnossl all all all", "host all all ::1/128 T", "host all all all"],
    ["local all +staff", "local sameuser all T", "local all all"],
    ["host all all all", "host replication all all T"],
    ["host replication all all", "host all all 127.0.0.0 255.0.0.0 T"],
    ["local samerole +team", "local all all T"],
    ["host \"replication\" all samehost T", "host all all samenet"],
    ["hostgssenc all all all", "hostnogssenc all all ::1/128 T", "host all all 127.1/32"],
]


def make_file(rng, generation, fixed=None):
    """Returns (text, trust line number)."""
    if fixed:
        # A fixed case marks its trust line with a trailing " T".
        body = [l[:-2] + " trust" if l.endswith(" T") else l + " reject" for l in fixed]
        trust = next(i for i, l in enumerate(fixed) if l.endswith(" T"))
    else:
        k = rng.randint(2, 6)
        trust = rng.randrange(k)
        body = ["%s %s" % (random_line(rng), "trust" if i == trust else "reject")
                for i in range(k)]
    lines = ["local gen_%d %s trust" % (generation, SUPERUSER)] + body
    return "\n".join(lines) + "\n", trust + 2


def transports(ipv6):
    t = [("local", None, "disable"), ("hostssl", "127.0.0.1", "require"),
         ("hostnossl", "127.0.0.1", "disable")]
    if ipv6:
        t += [("hostssl", "::1", "require"), ("hostnossl", "::1", "disable")]
    return t


def predict(hba_path, conn, trust_line, local_addrs):
    typ, addr, _ssl, user, db, repl = conn
    cmd = [PGCONFLINT, "hba-match", "--pg-version", "15", "--format", "json", "--type", typ,
           "--user", user, "--database", db]
    if addr:
        cmd += ["--address", addr]
    if GROUPS[user]:
        cmd += ["--groups", ",".join(GROUPS[user])]
    if repl:
        cmd.append("--replication")
    if local_addrs:
        cmd += ["--local-addresses", local_addrs]
    cmd.append(hba_path)
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):
        return "error: exit %d: %s" % (r.returncode, r.stderr.strip())
    try:
        m = json.loads(r.stdout)["match"]
    except (ValueError, KeyError) as e:
        return "error: bad JSON (%s): %r" % (e, r.stdout)
    if m is None:
        return "none"
    if m["line"] == trust_line:
        return "trust"
    if m["method"] == "reject":
        return "reject"
    return "line %d (%s)" % (m["line"], m["method"])


def observe(server, conn):
    typ, addr, sslmode, user, db, repl = conn
    host = server.sock if typ == "local" else addr
    r = server.psql(host, user, db, sslmode, "IDENTIFY_SYSTEM" if repl else "select 1", repl)
    err = r.stderr
    if "no pg_hba.conf entry" in err:
        return "none"
    if "pg_hba.conf rejects" in err:
        return "reject"
    if r.returncode == 0 or "must be superuser or replication role" in err or \
            "does not exist" in err:
        return "trust"
    return "error: " + err.strip()


def all_connections(ipv6):
    conns = []
    for typ, addr, sslmode in transports(ipv6):
        for user in USERS:
            for db in DATABASES:
                conns.append((typ, addr, sslmode, user, db, False))
            conns.append((typ, addr, sslmode, user, "db1", True))
    return conns


def pick(rng, predicted, per_kind=(("trust", 14), ("reject", 9), ("none", 7))):
    """A sample of the connections, spread over the predicted outcomes."""
    chosen = []
    for kind, n in per_kind:
        group = [c for c, p in predicted.items() if p == kind]
        chosen += rng.sample(group, min(n, len(group)))
    chosen += [c for c, p in predicted.items() if p not in ("trust", "reject", "none")]
    return chosen


def describe(conn):
    typ, addr, sslmode, user, db, repl = conn
    where = "socket" if typ == "local" else "%s sslmode=%s" % (addr, sslmode)
    return "%s user=%s %s" % (where, user, "replication" if repl else "db=" + db)


def parser_ready():
    with tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False) as f:
        f.write("local all all trust\n")
        probe = f.name
    try:
        r = subprocess.run([PGCONFLINT, "hba-match", "--type", "local", "--user", "u",
                            "--format", "json", probe], stdout=subprocess.PIPE, text=True)
    finally:
        os.unlink(probe)
    return r.returncode == 0


def main():
    if not os.path.exists(os.path.join(PGBIN, "postgres")):
        skip_or_fail("PostgreSQL 15 binaries not found in " + PGBIN)
    if shutil.which("openssl") is None:
        skip_or_fail("openssl not found (needed for the test certificate)")
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        skip_or_fail("setpriv not found (needed to run the server as root)")
    if not parser_ready():
        print("1..0 # SKIP the pg_hba.conf parser returns no rules (placeholder)")
        return 0
    rng = random.Random(SEED)
    server = Server()

    def on_signal(signum, _frame):
        raise KeyboardInterrupt("signal %d" % signum)

    signal.signal(signal.SIGTERM, on_signal)
    agree = total = 0
    kinds = {}
    failures = []
    tapn = 0
    t0 = time.time()
    try:
        server.start()
        print("# PostgreSQL 15 on port %d, seed %d, IPv6 %s" %
              (server.port, SEED, "on" if server.ipv6 else "unavailable: ::1 cases skipped"))
        laddrs = local_addresses()
        print("# --local-addresses %s" % (laddrs or "(not given: the machine's interfaces)"))
        conns = all_connections(server.ipv6)
        files = [("fixed %d" % i, f) for i, f in enumerate(FIXED)] + \
                [("random %d" % i, None) for i in range(NFILES)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            for gen, (label, fixed) in enumerate(files, start=1):
                text, trust_line = make_file(rng, gen, fixed)
                path = os.path.join(server.tmp, "case.conf")
                with open(path, "w") as f:
                    f.write(text)
                preds = dict(zip(conns, pool.map(
                    lambda c: predict(path, c, trust_line, laddrs), conns)))
                sample = pick(rng, preds)
                server.install(text, gen)
                seen = list(pool.map(lambda c: observe(server, c), sample))
                bad = []
                for conn, obs in zip(sample, seen):
                    total += 1
                    kinds[obs] = kinds.get(obs, 0) + 1
                    if obs == preds[conn]:
                        agree += 1
                    else:
                        bad.append("%s: server %s, hba-match %s" %
                                   (describe(conn), obs, preds[conn]))
                tapn += 1
                status = "ok" if not bad else "not ok"
                print("%s %d - %s: %d/%d connections agree" %
                      (status, tapn, label, len(sample) - len(bad), len(sample)))
                if bad:
                    failures.append(label)
                    for line in text.splitlines():
                        print("#   | " + line)
                    for b in bad[:10]:
                        print("#   " + b)
    except KeyboardInterrupt as e:
        tapn += 1
        print("not ok %d - interrupted: %s" % (tapn, e))
        failures.append("interrupted")
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        tapn += 1
        print("not ok %d - server test could not run: %s" % (tapn, e))
        failures.append("setup")
    finally:
        server.stop()
    tapn += 1
    print("%s %d - every connection agrees with hba-match" %
          ("ok" if total and agree == total else "not ok", tapn))
    print("# outcomes seen: %s" % ", ".join("%s %d" % kv for kv in sorted(kinds.items())))
    print("# agreement: %d/%d" % (agree, total))
    print("# time: %.1f s" % (time.time() - t0))
    print("1..%d" % tapn)
    return 1 if failures or agree != total or not total else 0


if __name__ == "__main__":
    sys.exit(main())
