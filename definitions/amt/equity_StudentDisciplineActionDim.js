// AMT-SPEC §9.3: discipline actions of students, once per discipline, staff member and current
// enrollment (DISTINCT, as AMT); an action without staff keeps UserKey ''.
if (amt.collectionEnabled("equity")) {
  publish("equity_StudentDisciplineActionDim", amt.collectionConfig("equity_StudentDisciplineActionDim")).query((ctx) =>
    amt.shape(
      "equity_StudentDisciplineActionDim",
      `SELECT DISTINCT
  ${amt.k("da.discipline_action_identifier", dialect.ymd("da.discipline_date"), "da.student_unique_id", "ssa.school_id")} AS StudentDisciplineActionKey,
  ${amt.k("da.student_unique_id", "ssa.school_id")} AS StudentSchoolKey,
  ${dialect.ymd("da.discipline_date")} AS DisciplineDateKey,
  da.student_unique_id AS StudentKey,
  ${dialect.toText("ssa.school_id")} AS SchoolKey,
  dd.description AS DisciplineActionDescription,
  COALESCE(sf.staff_unique_id, '') AS UserKey,
  ${dialect.greatestNonNull(["st.last_modified_date", "ssa.last_modified_date", "sf.last_modified_date"])} AS LastModifiedDate
FROM ${amt.source(ctx, "stg_discipline_actions")} AS da
${amt.currentEnrollments(ctx, "da")}
INNER JOIN ${amt.source(ctx, "stg_discipline_actions__disciplines")} AS d ON d.parent_id = da.id AND d.school_year = da.school_year
INNER JOIN ${amt.descriptors(ctx, "discipline")} AS dd ON dd.uri = d.discipline_descriptor_uri
LEFT JOIN ${amt.source(ctx, "stg_discipline_actions__staffs")} AS ds ON ds.parent_id = da.id AND ds.school_year = da.school_year
LEFT JOIN ${amt.source(ctx, "stg_staffs")} AS sf ON sf.staff_unique_id = ds.staff_unique_id`,
    ),
  );
}
