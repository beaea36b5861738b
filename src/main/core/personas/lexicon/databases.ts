// Databases: engines, ORMs, queries, transactions, schema changes and their failure messages.
import { termList, type LexiconDomain } from './types.ts'

export const databases: LexiconDomain = {
  id: 'databases',
  strong: termList(`
    sql, .sql, postgres, postgresql, psql, mysql, mariadb, sqlite, mongodb, mongo, mongoose,
    dynamodb, cassandra, scylladb, cockroachdb, couchdb, neo4j, oracle database, sql server, mssql,
    t-sql, pl/pgsql, prisma, typeorm, sequelize, sqlalchemy, knex, drizzle, activerecord,
    entity framework, ef core, hibernate, jdbc, odbc, query plan, explain analyze, execution plan,
    slow query, slow queries, query optimizer, n+1 queries, n+1 query, deadlock detected,
    lock wait timeout, isolation level, read committed, repeatable read, serializable isolation,
    row lock, row-level lock, select for update, foreign key, primary key, unique constraint,
    duplicate key, constraint violation, relation does not exist, too many connections, inner join,
    left join, outer join, cte, window function, stored procedure, materialized view, upsert,
    on conflict, b-tree, composite index, covering index, full table scan, sharding, read replica,
    replication lag, schema migration, flyway, liquibase, alembic, pg_dump, pgbouncer, vacuum,
    autovacuum, wal, database, databases, db, rds, aurora, connection string, orm, redis, memcached,
    elasticsearch, opensearch,
  `),
  medium: termList(`
    query, queries, transaction, transactions,  rollback, deadlock, index, indexes, indices,
    join, joins, table, tables, column, columns, row, rows, schema, migration, migrations, replica,
    replication, partitioning, partition, normalization, denormalization,   cursor,
    locking, lock, locks, prefetch, select_related, prefetch_related, eager loading,
    lazy loading relations, populate, aggregate, aggregation,  document store, key-value,
  `),
  weak: termList(`
    record, records, store, storage, persist, persistence, data model, backup, restore, dump,
    update, insert, delete, select, where clause, count, commit, collection, trigger, sequence,
  `),
}
