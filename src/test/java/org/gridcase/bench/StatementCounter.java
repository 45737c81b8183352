package org.gridcase.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the SQL statements sent through a {@link DataSource}, by kind (select, insert, update, delete, other) and by
 * the kind of thread that sent them (a name for each thread, given by {@code threadKind}). A statement is one
 * {@code execute…} call, or one {@code addBatch} (a JDBC batch of n rows is n statements to the database, sent
 * together: Camunda flushes its inserts and updates as batches), so the figure does not depend on batching. Commits
 * and rollbacks are counted apart. Only for the benchmarks: it wraps the pool's connections in JDK proxies.
 */
final class StatementCounter {

    enum Kind {
        SELECT, INSERT, UPDATE, DELETE, OTHER, COMMIT
    }

    private final Function<String, String> threadKind;
    private final Map<String, Map<Kind, LongAdder>> counts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> tables = new ConcurrentHashMap<>();

    StatementCounter(Function<String, String> threadKind) {
        this.threadKind = threadKind;
    }

    /** A snapshot: thread kind → statement kind → count. */
    Map<String, Map<Kind, Long>> snapshot() {
        Map<String, Map<Kind, Long>> copy = new ConcurrentHashMap<>();
        counts.forEach((thread, kinds) -> {
            Map<Kind, Long> k = new EnumMap<>(Kind.class);
            kinds.forEach((kind, n) -> k.put(kind, n.sum()));
            copy.put(thread, k);
        });
        return copy;
    }

    /** What was counted for {@code thread} between two snapshots. */
    static Map<Kind, Long> between(Map<String, Map<Kind, Long>> before, Map<String, Map<Kind, Long>> after,
            String thread) {
        Map<Kind, Long> delta = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            long a = after.getOrDefault(thread, Map.of()).getOrDefault(kind, 0L);
            long b = before.getOrDefault(thread, Map.of()).getOrDefault(kind, 0L);
            delta.put(kind, a - b);
        }
        return delta;
    }

    /** Statements without commits. */
    static long statements(Map<Kind, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getKey() != Kind.COMMIT).mapToLong(Map.Entry::getValue).sum();
    }

    DataSource wrap(DataSource target) {
        return new DelegatingDataSource(target) {
            @Override
            public Connection getConnection() throws SQLException {
                return connection(super.getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return connection(super.getConnection(username, password));
            }
        };
    }

    private void count(String sql) {
        Kind kind = kindOf(sql);
        count(kind);
        String table = tableOf(kind, sql);
        if (table != null) {
            tables.computeIfAbsent(threadKind.apply(Thread.currentThread().getName()) + " " + kind.name()
                    .toLowerCase(Locale.ROOT) + " " + table, t -> new LongAdder()).increment();
        }
    }

    /** "thread-kind statement-kind table" → count, e.g. "request select area". */
    Map<String, Long> tables() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        tables.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    private static final java.util.regex.Pattern TABLE = java.util.regex.Pattern.compile(
            "(?:\\bfrom|\\binto|^update)\\s+([a-z_0-9]+)");

    /** The first table a statement names (after from, into or update). */
    private static String tableOf(Kind kind, String sql) {
        if (sql == null || kind == Kind.OTHER || kind == Kind.COMMIT) {
            return null;
        }
        java.util.regex.Matcher m = TABLE.matcher(sql.strip().toLowerCase(Locale.ROOT));
        return m.find() ? m.group(1) : null;
    }

    private void count(Kind kind) {
        counts.computeIfAbsent(threadKind.apply(Thread.currentThread().getName()),
                t -> new ConcurrentHashMap<>()).computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static Kind kindOf(String sql) {
        String s = sql == null ? "" : sql.stripLeading().toLowerCase(Locale.ROOT);
        for (Kind kind : Kind.values()) {
            if (s.startsWith(kind.name().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        return Kind.OTHER;
    }

    private Connection connection(Connection target) {
        return (Connection) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Handler(target) {
                    @Override
                    Object invoke(Object proxy, Method method, Object[] args, Object result) {
                        String name = method.getName();
                        if (name.equals("commit")) {
                            count(Kind.COMMIT);
                        }
                        if (result instanceof CallableStatement callable) {
                            return statement(callable, CallableStatement.class, (String) args[0]);
                        }
                        if (result instanceof PreparedStatement prepared) {
                            return statement(prepared, PreparedStatement.class, (String) args[0]);
                        }
                        if (result instanceof Statement plain) {
                            return statement(plain, Statement.class, null);
                        }
                        return result;
                    }
                });
    }

    private Object statement(Statement target, Class<? extends Statement> type, String preparedSql) {
        return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type},
                new Handler(target) {
                    @Override
                    Object before(Method method, Object[] args) {
                        String name = method.getName();
                        boolean withSql = args != null && args.length > 0 && args[0] instanceof String;
                        if (name.equals("addBatch") || (name.startsWith("execute") && !name.equals("executeBatch")
                                && !name.equals("executeLargeBatch"))) {
                            count(withSql ? (String) args[0] : preparedSql);
                        }
                        return null;
                    }
                });
    }

    /** Forwards to the target; equals and hashCode are the proxy's own, unwrap and isWrapperFor the target's. */
    private abstract static class Handler implements InvocationHandler {

        private final Object target;

        Handler(Object target) {
            this.target = target;
        }

        @Override
        public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "counted " + target;
                default:
                    break;
            }
            before(method, args);
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return invoke(proxy, method, args, result);
        }

        Object before(Method method, Object[] args) {
            return null;
        }

        Object invoke(Object proxy, Method method, Object[] args, Object result) {
            return result;
        }
    }
}
