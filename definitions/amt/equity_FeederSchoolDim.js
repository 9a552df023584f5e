// AMT-SPEC §9.2: feeder-school relationships not ended by the as-of date; both schools must exist.
if (amt.collectionEnabled("equity")) {
  publish("equity_FeederSchoolDim", amt.collectionConfig("equity_FeederSchoolDim")).query((ctx) =>
    amt.shape(
      "equity_FeederSchoolDim",
      `SELECT
  ${amt.k("f.school_id", "f.feeder_school_id")} AS FeederSchoolUniqueKey,
  ${dialect.toText("f.school_id")} AS SchoolKey,
  ${dialect.toText("f.feeder_school_id")} AS FeederSchoolKey,
  fs.name_of_institution AS FeederSchoolName,
  ${dialect.greatestNonNull(["f.last_modified_date", "fs.last_modified_date"])} AS LastModifiedDate
FROM ${amt.source(ctx, "stg_feeder_school_associations")} AS f
INNER JOIN ${amt.source(ctx, "stg_schools")} AS sc ON sc.school_id = f.school_id
INNER JOIN ${amt.source(ctx, "stg_schools")} AS fs ON fs.school_id = f.feeder_school_id
WHERE ${amt.isCurrent("f.end_date")}`,
    ),
  );
}
