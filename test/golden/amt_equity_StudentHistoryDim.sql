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
LEFT JOIN (SELECT student_unique_id, school_id, COUNT(*) AS days_enrolled, SUM(homeroom_absence) AS days_absent
    FROM (WITH days AS (
  SELECT cd.school_id, cd.date, MAX(COALESCE(m.instructional, 0)) AS is_instructional
  FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_calendar_dates` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY calendar_code, school_id, calendar_school_year, date)) AS cd
  INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_calendar_dates__calendar_events` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY calendar_code, school_id, calendar_school_year, date)) AS ce ON ce.parent_id = cd.id AND ce.school_year = cd.school_year
  LEFT JOIN (SELECT DescriptorUri, MAX(CASE WHEN ConstantName = 'CalendarEvent.InstructionalDay' THEN 1 ELSE 0 END) AS instructional
    FROM `edfi-amt.analytics_config.DescriptorMap`
    WHERE ConstantName IN ('CalendarEvent.InstructionalDay')
    GROUP BY DescriptorUri) AS m ON m.DescriptorUri = ce.calendar_event_descriptor_uri
  WHERE cd.date <= CURRENT_DATE
  GROUP BY cd.school_id, cd.date
),
enrollments AS (
  SELECT ssa.student_unique_id, ssa.school_id, ssa.entry_date, ssa.exit_withdraw_date, ssa.school_year_type_school_year,
    CASE WHEN MAX(COALESCE(ssa.exit_withdraw_date, DATE '9999-12-31')) OVER (PARTITION BY ssa.student_unique_id, ssa.school_id ORDER BY ssa.entry_date, ssa.exit_withdraw_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) >= ssa.entry_date
      OR COALESCE(ssa.exit_withdraw_date, DATE '9999-12-31') >= MIN(ssa.entry_date) OVER (PARTITION BY ssa.student_unique_id, ssa.school_id ORDER BY ssa.entry_date, ssa.exit_withdraw_date ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
      THEN 1 ELSE 0 END AS overlapping
  FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_school_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY entry_date, school_id, student_unique_id)) AS ssa
  INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_students` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY student_unique_id)) AS st ON st.student_unique_id = ssa.student_unique_id
),
xe_by_year AS (SELECT e.student_unique_id, e.school_id, e.event_date, e.section_school_year AS event_school_year, MAX(COALESCE(m.absence, 0)) AS section_absence, MAX(CASE WHEN h.student_unique_id IS NOT NULL THEN COALESCE(m.absence, 0) ELSE 0 END) AS homeroom_absence
    FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_section_attendance_events` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY attendance_event_category_descriptor, event_date, local_course_code, school_id, section_school_year, section_identifier, session_name, student_unique_id)) AS e
    LEFT JOIN (SELECT DescriptorUri, MAX(CASE WHEN ConstantName = 'AttendanceEvent.Absence' THEN 1 ELSE 0 END) AS absence
    FROM `edfi-amt.analytics_config.DescriptorMap`
    WHERE ConstantName IN ('AttendanceEvent.Absence')
    GROUP BY DescriptorUri) AS m ON m.DescriptorUri = e.attendance_event_category_descriptor_uri
    LEFT JOIN (SELECT DISTINCT local_course_code, school_id, section_school_year, section_identifier, session_name, student_unique_id FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_section_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY begin_date, local_course_code, school_id, section_school_year, section_identifier, session_name, student_unique_id)) AS a WHERE a.homeroom_indicator) AS h ON h.local_course_code = e.local_course_code AND h.school_id = e.school_id AND h.section_school_year = e.section_school_year AND h.section_identifier = e.section_identifier AND h.session_name = e.session_name AND h.student_unique_id = e.student_unique_id
    GROUP BY e.student_unique_id, e.school_id, e.event_date, e.section_school_year),
xe AS (
  SELECT student_unique_id, school_id, event_date, event_school_year AS year_key, homeroom_absence, section_absence FROM xe_by_year
  UNION ALL
  SELECT student_unique_id, school_id, event_date, -1 AS year_key, MAX(homeroom_absence) AS homeroom_absence, MAX(section_absence) AS section_absence
  FROM xe_by_year GROUP BY student_unique_id, school_id, event_date
),
day_events AS (SELECT * FROM xe)
SELECT e.student_unique_id, e.school_id, dy.date, dy.is_instructional,
    COALESCE(ev.homeroom_absence, 0) AS homeroom_absence, COALESCE(ev.section_absence, 0) AS section_absence
  FROM enrollments AS e
  INNER JOIN days AS dy ON dy.school_id = e.school_id AND dy.date >= e.entry_date AND dy.date <= COALESCE(e.exit_withdraw_date, DATE '9999-12-31')
  LEFT JOIN day_events AS ev ON ev.student_unique_id = e.student_unique_id AND ev.school_id = e.school_id AND ev.event_date = dy.date AND ev.year_key = COALESCE(e.school_year_type_school_year, -1)
  WHERE e.overlapping = 0
UNION ALL
SELECT student_unique_id, school_id, date, MAX(is_instructional) AS is_instructional, MAX(homeroom_absence) AS homeroom_absence, MAX(section_absence) AS section_absence
FROM (
  SELECT e.student_unique_id, e.school_id, dy.date, dy.is_instructional,
    COALESCE(ev.homeroom_absence, 0) AS homeroom_absence, COALESCE(ev.section_absence, 0) AS section_absence
  FROM enrollments AS e
  INNER JOIN days AS dy ON dy.school_id = e.school_id AND dy.date >= e.entry_date AND dy.date <= COALESCE(e.exit_withdraw_date, DATE '9999-12-31')
  LEFT JOIN day_events AS ev ON ev.student_unique_id = e.student_unique_id AND ev.school_id = e.school_id AND ev.event_date = dy.date AND ev.year_key = COALESCE(e.school_year_type_school_year, -1)
  WHERE e.overlapping = 1
) AS shared
GROUP BY student_unique_id, school_id, date) AS dy
    WHERE dy.is_instructional = 1
    GROUP BY student_unique_id, school_id) AS a ON a.student_unique_id = s.StudentKey AND CAST(a.school_id AS STRING) = s.SchoolKey
LEFT JOIN (SELECT g.student_unique_id, g.school_id,
      STRING_AGG(c.course_title || ': ' || FORMAT('%.2f', g.grade_value), ', ' ORDER BY g.grading_period_begin_date DESC, c.course_title) AS summary
    FROM (SELECT g.*, gp.begin_date AS grading_period_begin_date, COALESCE(g.numeric_grade_earned, t.NumericGrade, 0) AS grade_value
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
