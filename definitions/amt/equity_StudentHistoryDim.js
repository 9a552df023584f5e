// AMT-SPEC §9.5: per current student-school (StudentSchoolDim), the student's history as text: semester
// grades, attendance rate, discipline count and every enrollment. Separators follow AMT on PostgreSQL, and
// so do grade values: those of ews_StudentSectionGradeFact (a letter-only grade translated).
//
// The attendance rate counts the chrab rows (§6.1) of the student-school: the instructional days up to
// the as-of date within enrollment, absent = a homeroom section event mapped to AttendanceEvent.Absence.
// Those days come from the enrolled-days table (built whenever Chrab, EWS or Equity is), not from the
// chrab view, so that Equity builds without the Chrab collection.
if (amt.collectionEnabled("equity")) {
  amt.publishOverEnrolledDays("equity_StudentHistoryDim", "table", (ctx, days) => {
    const attendance = `(SELECT student_unique_id, school_id, COUNT(*) AS days_enrolled, SUM(${amt.dayFlag("dy", "homeroom_absent")}) AS days_absent
    FROM ${days} AS dy
    WHERE ${amt.dayFlag("dy", "is_instructional")} = 1
    GROUP BY student_unique_id, school_id)`;
    // Semester grades at the school, most recent grading period first (then course title, for a stable text).
    const grades = `(SELECT g.student_unique_id, g.school_id,
      STRING_AGG(c.course_title || ': ' || ${dialect.decimalText("g.grade_value", 2)}, ', ' ORDER BY g.grading_period_begin_date DESC, c.course_title) AS summary
    FROM ${amt.gradesOfTypes(ctx, ["GradeType.Semester"])} AS g
    INNER JOIN ${amt.source(ctx, "stg_course_offerings")} AS co
      ON co.local_course_code = g.local_course_code AND co.school_id = g.school_id
      AND co.session_school_year = g.student_section_association_school_year AND co.session_name = g.session_name
    INNER JOIN ${amt.source(ctx, "stg_courses")} AS c ON c.course_code = co.course_code AND c.education_organization_id = co.education_organization_id
    GROUP BY g.student_unique_id, g.school_id)`;
    // Every enrollment of the student: open ones first, then by exit date descending.
    const history = `(SELECT ssa.student_unique_id,
      STRING_AGG(sc.name_of_institution || COALESCE(' ' || ${dialect.iso("ssa.exit_withdraw_date")}, ''), ${dialect.quoteLines(", \n")}
        ORDER BY CASE WHEN ssa.exit_withdraw_date IS NULL THEN 0 ELSE 1 END, ssa.exit_withdraw_date DESC, ssa.entry_date DESC, sc.name_of_institution) AS enrollments
    FROM ${amt.source(ctx, "stg_student_school_associations")} AS ssa
    INNER JOIN ${amt.source(ctx, "stg_schools")} AS sc ON sc.school_id = ssa.school_id
    GROUP BY ssa.student_unique_id)`;
    const actions = `(SELECT StudentSchoolKey, COUNT(*) AS actions FROM ${ctx.ref(amt.ANALYTICS, "equity_StudentDisciplineActionDim")} GROUP BY StudentSchoolKey)`;
    return amt.shape(
      "equity_StudentHistoryDim",
      `SELECT DISTINCT
  s.StudentKey,
  s.StudentSchoolKey,
  COALESCE(g.summary, '') AS GradeSummary,
  s.SchoolKey AS CurrentSchoolKey,
  CASE WHEN a.days_enrolled IS NULL THEN 100 ELSE ROUND(100 * (a.days_enrolled - a.days_absent) / a.days_enrolled, 2) END AS AttendanceRate,
  COALESCE(da.actions, 0) AS ReferralsAndSuspensions,
  COALESCE(h.enrollments, '') AS EnrollmentHistory,
  s.LastModifiedDate
FROM ${ctx.ref(amt.ANALYTICS, "StudentSchoolDim")} AS s
LEFT JOIN ${attendance} AS a ON a.student_unique_id = s.StudentKey AND ${dialect.toText("a.school_id")} = s.SchoolKey
LEFT JOIN ${grades} AS g ON g.student_unique_id = s.StudentKey AND ${dialect.toText("g.school_id")} = s.SchoolKey
LEFT JOIN ${actions} AS da ON da.StudentSchoolKey = s.StudentSchoolKey
LEFT JOIN ${history} AS h ON h.student_unique_id = s.StudentKey`,
    );
  });
}
