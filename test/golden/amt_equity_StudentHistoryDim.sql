SELECT
  CAST(StudentKey AS STRING) AS StudentKey,
  CAST(StudentSchoolKey AS STRING) AS StudentSchoolKey,
  CAST(GradeSummary AS STRING) AS GradeSummary,
  CAST(CurrentSchoolKey AS STRING) AS CurrentSchoolKey,
  CAST(AttendanceRate AS NUMERIC) AS AttendanceRate,
  CAST(ReferralsAndSuspensions AS INT64) AS ReferralsAndSuspensions,
  CAST(EnrollmentHistory AS STRING) AS EnrollmentHistory,
  CAST(LastModifiedDate AS TIMESTAMP) AS LastModifiedDate
FROM (
SELECT DISTINCT
  s.StudentKey,
  s.StudentSchoolKey,
  COALESCE(g.summary, '') AS GradeSummary,
  s.SchoolKey AS CurrentSchoolKey,
  CASE WHEN a.days_enrolled IS NULL THEN 100 ELSE ROUND(100 * (a.days_enrolled - a.days_absent) / a.days_enrolled, 2) END AS AttendanceRate,
  COALESCE(da.actions, 0) AS ReferralsAndSuspensions,
  COALESCE(h.enrollments, '') AS EnrollmentHistory,
  s.LastModifiedDate
FROM `edfi-amt.analytics.StudentSchoolDim` AS s
LEFT JOIN (SELECT student_unique_id, school_id, COUNT(*) AS days_enrolled, SUM(((dy.day_flags >> 7) & 1)) AS days_absent
    FROM `edfi-amt.analytics_internal.enrolled_days` AS dy
    WHERE ((dy.day_flags >> 0) & 1) = 1
    GROUP BY student_unique_id, school_id) AS a ON a.student_unique_id = s.StudentKey AND CAST(a.school_id AS STRING) = s.SchoolKey
LEFT JOIN (SELECT g.student_unique_id, g.school_id,
      STRING_AGG(c.course_title || ': ' || FORMAT('%.2f', g.grade_value), ', ' ORDER BY g.grading_period_begin_date DESC, c.course_title) AS summary
    FROM (SELECT g.*, gp.begin_date AS grading_period_begin_date, COALESCE(g.numeric_grade_earned, t.NumericGrade, 0) AS grade_value,
    COALESCE(g.numeric_grade_earned, t.NumericGrade) IS NULL AS grade_value_fallback
  FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_grades` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY grade_type_descriptor, grading_period_descriptor, grading_period_name, grading_period_school_year, begin_date, local_course_code, school_id, student_section_association_school_year, section_identifier, session_name, student_unique_id, period_sequence)) AS g
  INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_students` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY student_unique_id)) AS st ON st.student_unique_id = g.student_unique_id
  INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_grading_periods` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY grading_period_descriptor, grading_period_name, school_id, school_year_type_school_year, period_sequence)) AS gp
    ON gp.grading_period_descriptor_uri = g.grading_period_descriptor_uri AND gp.school_id = g.school_id
    AND gp.school_year_type_school_year = g.grading_period_school_year
    AND COALESCE(gp.grading_period_name = g.grading_period_name, gp.period_sequence = g.period_sequence)
  LEFT JOIN `edfi-amt.analytics_config.ews_LetterGradeTranslation` AS t ON t.LetterGrade = UPPER(RTRIM(g.letter_grade_earned))
  WHERE g.grade_type_descriptor_uri IN (SELECT DescriptorUri FROM `edfi-amt.analytics_config.DescriptorMap` WHERE ConstantName = 'GradeType.Semester')) AS g
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_course_offerings` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY local_course_code, school_id, session_school_year, session_name)) AS co
      ON co.local_course_code = g.local_course_code AND co.school_id = g.school_id
      AND co.session_school_year = g.student_section_association_school_year AND co.session_name = g.session_name
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_courses` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY course_code, education_organization_id)) AS c ON c.course_code = co.course_code AND c.education_organization_id = co.education_organization_id
    GROUP BY g.student_unique_id, g.school_id) AS g ON g.student_unique_id = s.StudentKey AND CAST(g.school_id AS STRING) = s.SchoolKey
LEFT JOIN (SELECT StudentSchoolKey, COUNT(*) AS actions FROM `edfi-amt.analytics.equity_StudentDisciplineActionDim` GROUP BY StudentSchoolKey) AS da ON da.StudentSchoolKey = s.StudentSchoolKey
LEFT JOIN (SELECT ssa.student_unique_id,
      STRING_AGG(sc.name_of_institution || COALESCE(' ' || FORMAT_DATE('%Y-%m-%d', ssa.exit_withdraw_date), ''), ', \n'
        ORDER BY CASE WHEN ssa.exit_withdraw_date IS NULL THEN 0 ELSE 1 END, ssa.exit_withdraw_date DESC, ssa.entry_date DESC, sc.name_of_institution) AS enrollments
    FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_school_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY entry_date, school_id, student_unique_id)) AS ssa
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_schools` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY school_id)) AS sc ON sc.school_id = ssa.school_id
    GROUP BY ssa.student_unique_id) AS h ON h.student_unique_id = s.StudentKey
) AS amt
