// AMT-SPEC §5.4: the (user, student) pairs of the current assignments, one branch per scope: district →
// students currently enrolled in the LEA's schools; school → students currently enrolled in the school
// (not de-duplicated, as AMT); section → students currently in the staff member's sections at the
// assignment's school (the staff–section association itself may have ended, as AMT).
if (amt.collectionEnabled("rls")) {
  publish("rls_UserStudentDataAuthorization", amt.collectionConfig("rls_UserStudentDataAuthorization")).query((ctx) => {
    const [district, school, section] = amt.SCOPES.map(dialect.quote);
    const assignments = amt.scopedAssignments(ctx, amt.isCurrent);
    const enrolled = `(SELECT student_unique_id, school_id FROM ${amt.source(ctx, "stg_student_school_associations")} WHERE ${amt.isCurrent("exit_withdraw_date")})`;
    return amt.shape(
      "rls_UserStudentDataAuthorization",
      `SELECT DISTINCT a.staff_unique_id AS UserKey, e.student_unique_id AS StudentKey
FROM ${assignments} AS a
INNER JOIN ${amt.source(ctx, "stg_schools")} AS sc ON sc.local_education_agency_id = a.education_organization_id
INNER JOIN ${enrolled} AS e ON e.school_id = sc.school_id
WHERE a.scope = ${district}
UNION ALL
SELECT a.staff_unique_id AS UserKey, e.student_unique_id AS StudentKey
FROM ${assignments} AS a
INNER JOIN ${enrolled} AS e ON e.school_id = a.education_organization_id
WHERE a.scope = ${school}
UNION ALL
SELECT DISTINCT a.staff_unique_id AS UserKey, st.student_unique_id AS StudentKey
FROM ${assignments} AS a
INNER JOIN ${amt.source(ctx, "stg_staff_section_associations")} AS ssa ON ssa.staff_unique_id = a.staff_unique_id AND ssa.school_id = a.education_organization_id
INNER JOIN ${amt.source(ctx, "stg_student_section_associations")} AS st ON ${amt.sameSection("st", "ssa")}
WHERE a.scope = ${section} AND ${amt.isCurrent("st.end_date")}`,
    );
  });
}
