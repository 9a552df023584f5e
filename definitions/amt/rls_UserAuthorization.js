// AMT-SPEC §5.2: per user, the scope of each assignment without an end date and the permission values.
// District and school scope give one row per assignment organization; section scope one row per current
// section of the staff member at the assignment's school. A section-scope assignment without a current
// section gives no row: its permissions would be NULL, which filters nothing.
if (amt.collectionEnabled("rls")) {
  publish("rls_UserAuthorization", amt.collectionConfig("rls_UserAuthorization")).query((ctx) => {
    const [district, , section] = amt.SCOPES.map(dialect.quote);
    const edorg = dialect.toText("a.education_organization_id");
    return amt.shape(
      "rls_UserAuthorization",
      `SELECT DISTINCT
  a.staff_unique_id AS UserKey,
  a.scope AS UserScope,
  'ALL' AS StudentPermission,
  CASE WHEN a.scope = ${section} THEN ${dialect.idText("se.id")} ELSE 'ALL' END AS SectionPermission,
  CASE WHEN a.scope = ${section} THEN ${amt.k("se.school_id", "se.local_course_code", "se.course_offering_school_year", "se.section_identifier", "se.session_name")} ELSE 'ALL' END AS SectionKeyPermission,
  CASE WHEN a.scope = ${district} THEN 'ALL' ELSE ${edorg} END AS SchoolPermission,
  CASE WHEN a.scope = ${district} THEN ${edorg} ELSE '' END AS DistrictId
FROM ${amt.scopedAssignments(ctx, (end) => `${end} IS NULL`)} AS a
INNER JOIN ${amt.source(ctx, "stg_staffs")} AS sf ON sf.staff_unique_id = a.staff_unique_id
LEFT JOIN ${amt.source(ctx, "stg_staff_section_associations")} AS ssa
  ON a.scope = ${section} AND ssa.staff_unique_id = a.staff_unique_id AND ssa.school_id = a.education_organization_id AND ${amt.isCurrent("ssa.end_date")}
LEFT JOIN ${amt.source(ctx, "stg_sections")} AS se ON ${amt.sameSection("ssa", "se", { bIsSection: true })}
WHERE a.scope <> ${section} OR se.id IS NOT NULL`,
    );
  });
}
