// `npm run query -- "SELECT …" [--db ./amt.duckdb]`: one query on the built database, printed as a table.
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { InputError } from "./errors.js";
import { formatTable, queryDatabase, QueryError } from "./query.js";

const parser = yargs(hideBin(process.argv))
  .scriptName("npm run query --")
  .usage('$0 "<sql>" [options]\n\nRun one SQL query on the DuckDB file built by npm run demo / npm run transform (opened read-only).')
  .example('$0 "SELECT * FROM analytics.\\"StudentSchoolDim\\" LIMIT 5"', "the first five rows of a view")
  .option("db", { type: "string", default: "./amt.duckdb", describe: "DuckDB file to query" })
  .option("max-rows", { type: "number", default: 100, describe: "Rows printed at most (the count says how many there were)" })
  .command("$0 <sql>", "run the query")
  .positional("sql", { type: "string", describe: "The SQL query (quote it for the shell)" })
  .strict()
  .version(false)
  .help();

try {
  const argv = await parser.parseAsync();
  const sql = String(argv.sql ?? "").trim();
  if (!sql) throw new InputError("Give a query, e.g. npm run query -- 'SELECT 42'");
  if (!(Number.isInteger(argv["max-rows"]) && argv["max-rows"] >= 1)) throw new InputError(`--max-rows must be a positive integer, got ${argv["max-rows"]}`);
  console.log(formatTable(await queryDatabase(argv.db, sql), { maxRows: argv["max-rows"] }));
} catch (error) {
  const message = (error as Error).message;
  if (error instanceof InputError) {
    console.error(message);
    process.exit(2);
  }
  console.error(error instanceof QueryError ? `Query failed: ${message}` : `query failed: ${message}`);
  process.exit(1);
}
