// AMT-SPEC §5.3: every student section association with its section's API id and date range.
if (amt.collectionEnabled("rls")) {
  publish("rls_StudentDataAuthorization", amt.collectionConfig("rls_StudentDataAuthorization")).query((ctx) =>
    amt.shape(
      "rls_StudentDataAuthorization",
      `SELECT
  ssa.student_unique_id AS StudentKey,
  ${dialect.toText("se.school_id")} AS SchoolKey,
  ${dialect.idText("se.id")} AS SectionId,
  ssa.begin_date AS BeginDate,
  ssa.end_date AS EndDate,
  ${dialect.ymd("ssa.begin_date")} AS BeginDateKey,
  ${dialect.ymd("ssa.end_date")} AS EndDateKey
FROM ${amt.source(ctx, "stg_student_section_associations")} AS ssa
INNER JOIN ${amt.source(ctx, "stg_sections")} AS se ON ${amt.sameSection("ssa", "se", { bIsSection: true })}`,
    ),
  );
}
