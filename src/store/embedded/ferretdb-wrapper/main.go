// Command ferretdb-wrapper runs FerretDB for Mission Pulse's embedded database, on SQLite files
// in a folder or on a PostgreSQL server.
//
// It exists because the stand-alone `ferretdb` binary built with `go install` panics at start
// (its generated version file is not in the module zip); the embeddable package has no such
// check. The Node launcher keeps a pipe to our stdin, so EOF there means the parent is gone.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// readyPrefix starts the one stdout line the launcher waits for.
const readyPrefix = "FERRETDB_READY "

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on (port 0 picks a free one)")
	sqliteDir := flag.String("sqlite-dir", "", "directory holding one .sqlite file per database (created if missing)")
	postgresqlURL := flag.String("postgresql-url", "", "PostgreSQL server to store data in, e.g. postgres://postgres@127.0.0.1:5432/postgres (instead of -sqlite-dir)")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error (warn logs every failed command)")
	watchStdin := flag.Bool("watch-stdin", true, "exit when stdin reaches EOF (the parent closed its pipe or died)")
	watchParent := flag.Bool("watch-parent", true, "exit when the parent process changes (the parent died)")
	flag.Parse()

	if err := run(*listen, *sqliteDir, *postgresqlURL, *logLevel, *watchStdin, *watchParent); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-wrapper:", err)
		os.Exit(1)
	}
}

func run(listen, sqliteDir, postgresqlURL, logLevel string, watchStdin, watchParent bool) error {
	if (sqliteDir == "") == (postgresqlURL == "") {
		return errors.New("give exactly one of -sqlite-dir and -postgresql-url")
	}

	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("bad -log-level %q: %w", logLevel, err)
	}
	logger := slog.New(quietDuplicates{slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})})

	config := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: listen},
		Logger:   logger,
	}
	var dir string
	if postgresqlURL != "" {
		config.Handler = "postgresql"
		config.PostgreSQLURL = postgresqlURL
	} else {
		var err error
		if dir, err = filepath.Abs(sqliteDir); err != nil {
			return err
		}
		if err = os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		// FerretDB wants a directory URI ending in "/"; url.URL escapes spaces and the like.
		// synchronous(normal): in WAL mode a commit no longer waits for fsync (about 8 ms a write on
		// a VM disk, and writes queue behind each other). SQLite stays consistent; a crash of the
		// machine (not of a process) may lose the last commits, never corrupt the file.
		config.Handler = "sqlite"
		config.SQLiteURL = (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/", RawQuery: "_pragma=synchronous(normal)"}).String()
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if watchStdin {
		ctx = cancelWhenStdinCloses(ctx)
	}
	if watchParent {
		ctx = cancelWhenParentChanges(ctx)
	}

	f, err := ferretdb.New(config)
	if err != nil {
		return err
	}

	// New has bound the listener, so the URI carries the real port even for port 0.
	uri := strings.TrimSuffix(f.MongoDBURI(), "/")
	fmt.Fprintln(os.Stdout, readyPrefix+uri)

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	if dir != "" {
		go keepIDIndexes(ctx, dir, logger, 2*time.Second)
	}

	select {
	case err = <-done:
		return err
	case <-ctx.Done():
	}

	// Run closes connections and the SQLite backend once ctx is cancelled; do not hang on it.
	select {
	case err = <-done:
		return err
	case <-time.After(10 * time.Second):
		return errors.New("timed out waiting for FerretDB to stop")
	}
}

// quietDuplicates drops the ERROR record the PostgreSQL driver's tracer writes for each unique
// index violation (SQLSTATE 23505): FerretDB answers those with the duplicate key error (11000)
// clients expect, and Mission Pulse claims work by inserting, so they are routine, not failures.
type quietDuplicates struct{ slog.Handler }

func (h quietDuplicates) Handle(ctx context.Context, r slog.Record) error {
	duplicate := false
	r.Attrs(func(a slog.Attr) bool {
		duplicate = a.Key == "err" && strings.Contains(a.Value.String(), "SQLSTATE 23505")
		return !duplicate
	})
	if duplicate {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}

func (h quietDuplicates) WithAttrs(attrs []slog.Attr) slog.Handler {
	return quietDuplicates{h.Handler.WithAttrs(attrs)}
}

func (h quietDuplicates) WithGroup(name string) slog.Handler {
	return quietDuplicates{h.Handler.WithGroup(name)}
}

func cancelWhenStdinCloses(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	return ctx
}

// cancelWhenParentChanges is a second guard for parents that did not give us a stdin pipe:
// when the parent dies the process is re-parented (to init or a subreaper).
func cancelWhenParentChanges(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	original := os.Getppid()
	go func() {
		ticker := time.NewTicker(time.Second)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				if os.Getppid() != original {
					cancel()
					return
				}
			}
		}
	}()
	return ctx
}

// keepIDIndexes works around FerretDB v1.24's SQLite backend answering no lookup from an index:
// it indexes `_ferretdb_sjson->"_id"` but finds, updates and deletes by
// `_ferretdb_sjson->'$._id' = ?`, and SQLite uses an expression index only for the identical
// expression, so every lookup by _id scanned its table (measured: 4.7 ms at 20,000 documents,
// 1.2 ms with this index). It adds, to every collection table, an index on the expression the
// lookups use, sweeping every `every` because collections are created at any time.
func keepIDIndexes(ctx context.Context, dir string, logger *slog.Logger, every time.Duration) {
	for {
		files, _ := filepath.Glob(filepath.Join(dir, "*.sqlite"))
		for _, file := range files {
			if err := indexIDs(ctx, file); err != nil && ctx.Err() == nil {
				logger.Debug("could not add _id lookup indexes", slog.String("file", file), slog.String("error", err.Error()))
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}

// indexIDs adds the missing lookup indexes of one database file. mode=rw never creates a file
// that FerretDB has just dropped; the driver is modernc's, registered by FerretDB as "sqlite".
func indexIDs(ctx context.Context, file string) error {
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(file), RawQuery: "mode=rw&_pragma=busy_timeout(10000)"}).String()
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return err
	}
	defer db.Close()

	rows, err := db.QueryContext(ctx, `SELECT c.table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = c.table_name || '_mp_id')`)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var t string
		if err = rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err = rows.Err(); err != nil {
		return err
	}

	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, t+"_mp_id", t)
		if _, err = db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
