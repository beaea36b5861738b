// Data engineering and analytics: pipelines, orchestration, warehouses, dataframes and notebooks.
import { termList, type LexiconDomain } from './types.ts'

export const data: LexiconDomain = {
  id: 'data',
  strong: termList(`
    data pipeline, data pipelines, data engineering, data engineer, analytics engineering, etl, elt,
    airflow, dag, dags, dagster, prefect, luigi, dbt, dbt model, incremental model, spark, pyspark,
    spark job, spark sql, databricks, hadoop, hdfs, hive, presto, trino, flink, apache beam,
    kafka streams, snowflake, bigquery, redshift, data warehouse, data lake, lakehouse, delta lake,
    iceberg, parquet, .parquet, avro, pandas, dataframe, dataframes, data frame, polars, dask,
    duckdb, jupyter, jupyter notebook, notebook, notebooks, .ipynb, groupby, group by, pivot table,
    settingwithcopywarning, iloc, df, np, numpy, scipy, matplotlib, seaborn, plotly,
    shuffle partitions, data skew,  broadcast join, data quality, data lineage,
    entity resolution, record linkage, fuzzy matching, near-identical, data catalog, star schema,
    fact table, dimension table, slowly changing dimension, change data capture, cdc, fivetran,
    airbyte, stitch, looker, tableau, power bi, metabase, superset, great expectations,
    data modeling, ingestion, data ingestion, backfill,   analytics,
    business intelligence, data analyst, data analysis, tidyverse, rstudio, excel, spreadsheet,
    vlookup, xlookup, hlookup, index match, sumifs, countifs, google sheets, power query, power pivot, pivot, openpyxl, xlsxwriter, read_excel, read_csv, to_csv, rolling average, moving average, running total, month-over-month, year-over-year, week-over-week, cohort analysis, funnel analysis, retention curve,
  `),
  medium: termList(`
    data, dataset, datasets, warehouse, csv, .csv, tsv,     sql,
    dashboard, dashboards, report, reports,  kpi, aggregate, aggregation, deduplicate,
    deduplication, duplicates, near-duplicate, dedupe,     
    shuffle, skew,     vectorize, vectorized, vectorise, 
     statistics, statistical, a/b test, experiment analysis, cohort, rows, columns, 
    backfills, skewed, batch job, batch jobs,
    segment, segments, segmentation, funnel, retention, churn rate, revenue, finance team, quarterly, monthly report, weekly report,
  `),
  weak: termList(`
    table, tables, query, queries,    sum, average, mean, median, chart,
    charts, plot, plots,    dtype,    nan,  
    sample, sampling,   python, .py, metrics, join, merge, partition, partitions, batch, scheduled, pipeline, pipelines, apply, records, column,
  `),
}
