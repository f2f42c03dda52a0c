// Command ferretdb runs FerretDB v1.x (MongoDB wire protocol) on top of a
// PostgreSQL database, as a single static binary with no Docker.
//
// Why a wrapper instead of `go install .../cmd/ferretdb`: the upstream command
// panics at start-up when built from the module proxy, because its
// build/version/version.txt is generated in the repo and not shipped in the
// module zip (FerretDB issue 2982). The embeddable package
// github.com/FerretDB/FerretDB/ferretdb skips that check when the main module
// is not FerretDB itself, so this file is all we need.
//
// Usage:
//
//	ferretdb -listen 127.0.0.1:37017 -postgresql-url postgres://postgres@127.0.0.1:27432/ferretdb
//
// On success it prints exactly one line starting with "ferretdb ready:" to
// stdout (see readyPrefix) so a launcher can wait for it. Every fatal start-up
// problem (bad URL, busy port) is one line starting with "ferretdb:" on
// stderr and exit status 1. SIGINT/SIGTERM shut down cleanly with status 0.
//
// The SQLite backend is gone on purpose: FerretDB on SQLite applies updates
// several times slower and scans every lookup more slowly than on PostgreSQL
// (measured, see /work/shared/INFRA.md and NOTES.md), and one backend is one
// behaviour to test. PostgreSQL itself is started by the stack (postgres piece).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// readyPrefix starts the single line printed once clients can connect.
// Launchers match on it; keep it stable.
const readyPrefix = "ferretdb ready:"

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (host:port)")
	postgresqlURL := flag.String("postgresql-url", "", "PostgreSQL database to keep the data in, e.g. postgres://postgres@127.0.0.1:27432/ferretdb (required)")
	debug := flag.Bool("debug", false, "log at debug level (very verbose)")
	flag.Parse()

	if err := run(*listen, *postgresqlURL, *debug); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}

func run(listen, postgresqlURL string, debug bool) error {
	if postgresqlURL == "" {
		return errors.New("-postgresql-url is required")
	}

	// FerretDB parses the URL but connects only on a client's first request,
	// so a wrong scheme or a missing host would surface as every client's
	// error; fail at start-up instead.
	u, err := url.Parse(postgresqlURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		return fmt.Errorf("-postgresql-url %q: must look like postgres://user@host:port/database", postgresqlURL)
	}

	// Catch SIGINT/SIGTERM before announcing readiness, so a launcher that
	// stops us right after the ready line still gets a clean shutdown.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	level := slog.LevelInfo
	if debug {
		level = slog.LevelDebug
	}

	// Plain text logs on stdout; the launcher captures them.
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: level}))

	// Telemetry: the embeddable package never starts the telemetry reporter
	// and explicitly disables + locks telemetry in its in-memory state
	// (ferretdb.New calls s.DisableTelemetry(); TelemetryLocked = true).
	// There is no Config field for it, and FERRETDB_TELEMETRY is only read by
	// upstream's cmd/ferretdb, so nothing here ever dials out.
	//
	// FerretDB opens its pgx pool (pool_max_conns=50 unless the URL says
	// otherwise) lazily, per user; the server's max_connections must exceed it.
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: listen},
		Logger:        logger,
		Handler:       "postgresql",
		PostgreSQLURL: postgresqlURL,
	})
	if err != nil {
		// FerretDB flattens the net error into a string ("failed to construct
		// handler: ... bind: address already in use"), so errors.Is can't
		// see EADDRINUSE; match the text to give a clear first line.
		if strings.Contains(err.Error(), "address already in use") {
			return fmt.Errorf("port busy: cannot listen on %s: address already in use (another mongod/ferretdb running?)", listen)
		}

		return fmt.Errorf("cannot start on %s: %w", listen, err)
	}

	// ferretdb.New has already bound the TCP socket (clientconn.Listen is
	// synchronous in v1.24.2), so connections made from now on are queued
	// by the kernel and served as soon as Run's accept loop starts: it is
	// safe to announce readiness here. MongoDBURI only blocks until the
	// listener is bound, which has already happened.
	fmt.Printf("%s %s (listen %s, postgresql %s)\n", readyPrefix, f.MongoDBURI(), listen, u.Redacted())

	// Run returns after ctx is cancelled, the listener closed, open
	// connections drained (upstream waits up to ~3 s for clients) and
	// the PostgreSQL pool closed.
	err = f.Run(ctx)
	logger.Info("ferretdb stopped")

	return err
}
