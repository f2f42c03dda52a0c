// Command ferretdb runs FerretDB v1.x (MongoDB wire protocol) on top of
// SQLite files, as a single static binary with no Docker and no network.
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
//	ferretdb -listen 127.0.0.1:37017 -data /abs/path/to/data
//
// On success it prints exactly one line starting with "ferretdb ready:" to
// stdout (see readyPrefix) so a launcher can wait for it. Every fatal start-up
// problem (bad data dir, busy port) is one line starting with "ferretdb:" on
// stderr and exit status 1. SIGINT/SIGTERM shut down cleanly with status 0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// readyPrefix starts the single line printed once clients can connect.
// Launchers match on it; keep it stable.
const readyPrefix = "ferretdb ready:"

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (host:port)")
	data := flag.String("data", "", "directory for the SQLite files, one per database (created if missing; required)")
	debug := flag.Bool("debug", false, "log at debug level (very verbose)")
	flag.Parse()

	if err := run(*listen, *data, *debug); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}

func run(listen, data string, debug bool) error {
	if data == "" {
		return errors.New("-data is required")
	}

	dir, err := prepareDataDir(data)
	if err != nil {
		return err
	}

	// Two FerretDB processes on the same files would each cache the SQLite
	// metadata (collections, indexes) in memory and get out of sync, so hold
	// an exclusive lock for our lifetime. The kernel drops it when we exit,
	// even on SIGKILL, so a stale lock file is harmless.
	if err = lockDataDir(dir); err != nil {
		return err
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
	// SQLite URI must be "file:" + directory + "/" (FerretDB rejects a URI
	// without the trailing slash). FerretDB adds its own pragmas
	// (busy_timeout(10000), journal_mode(wal), auto_vacuum(none)).
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/",
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
	fmt.Printf("%s %s (listen %s, data %s)\n", readyPrefix, f.MongoDBURI(), listen, dir)

	// Run returns after ctx is cancelled, the listener closed, open
	// connections drained (upstream waits up to ~3 s for clients) and the
	// SQLite databases closed, so WAL contents are checkpointed on exit.
	err = f.Run(ctx)
	logger.Info("ferretdb stopped")

	return err
}

// prepareDataDir makes data an absolute, existing, writable directory.
// FerretDB only checks that the directory exists, so an unwritable one would
// otherwise fail later, on the first insert; we fail at start-up instead.
func prepareDataDir(data string) (string, error) {
	dir, err := filepath.Abs(data)
	if err != nil {
		return "", fmt.Errorf("data dir %q: %w", data, err)
	}

	// '?' and '#' would be parsed as part of the SQLite URI, '%' as an escape.
	if strings.ContainsAny(dir, "?#%") {
		return "", fmt.Errorf("data dir %q: must not contain '?', '#' or '%%'", dir)
	}

	if err = os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("data dir %q is unusable: %w", dir, err)
	}

	probe, err := os.CreateTemp(dir, ".write-probe-*")
	if err != nil {
		return "", fmt.Errorf("data dir %q is not writable: %w", dir, err)
	}

	probe.Close()
	os.Remove(probe.Name())

	return dir, nil
}

// lockDataDir takes a non-blocking exclusive flock on dir/.ferretdb.lock.
// FerretDB only opens *.sqlite files, so the lock file is ignored by it.
// The descriptor is deliberately never closed: the lock lives as long as
// the process.
func lockDataDir(dir string) error {
	f, err := os.OpenFile(filepath.Join(dir, ".ferretdb.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("data dir %q: %w", dir, err)
	}

	if err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return fmt.Errorf("data dir %q is in use by another ferretdb process: %w", dir, err)
	}

	return nil
}
