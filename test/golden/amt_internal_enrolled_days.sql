SELECT * FROM (WITH days AS (
  SELECT cd.school_id, cd.date, MAX(COALESCE(m.instructional, 0)) AS is_instructional
  FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_calendar_dates` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY calendar_code, school_id, calendar_school_year, date)) AS cd
  INNER JOIN (SELECT c.* FROM `edfi-amt.edfi_staging.stg_calendar_dates__calendar_events` AS c
    INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_calendar_dates` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY calendar_code, school_id, calendar_school_year, date)) AS p ON p.id = c.parent_id AND p.school_year = c.school_year) AS ce ON ce.parent_id = cd.id AND ce.school_year = cd.school_year
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
se_by_year AS (SELECT e.student_unique_id, e.school_id, e.event_date, e.session_school_year AS event_school_year, MAX(COALESCE(m.present, 0)) AS school_present, MAX(COALESCE(m.absent, 0)) AS school_absent, MAX(COALESCE(m.excused, 0)) AS school_excused, MAX(COALESCE(m.unexcused, 0)) AS school_unexcused, MAX(COALESCE(m.tardy, 0)) AS school_tardy
    FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_school_attendance_events` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY attendance_event_category_descriptor, event_date, school_id, session_school_year, session_name, student_unique_id)) AS e
    LEFT JOIN (SELECT DescriptorUri, MAX(CASE WHEN ConstantName = 'AttendanceEvent.Present' THEN 1 ELSE 0 END) AS present, MAX(CASE WHEN ConstantName = 'AttendanceEvent.Absence' THEN 1 ELSE 0 END) AS absent, MAX(CASE WHEN ConstantName = 'AttendanceEvent.ExcusedAbsence' THEN 1 ELSE 0 END) AS excused, MAX(CASE WHEN ConstantName = 'AttendanceEvent.UnexcusedAbsence' THEN 1 ELSE 0 END) AS unexcused, MAX(CASE WHEN ConstantName = 'AttendanceEvent.Tardy' THEN 1 ELSE 0 END) AS tardy
    FROM `edfi-amt.analytics_config.DescriptorMap`
    WHERE ConstantName IN ('AttendanceEvent.Present', 'AttendanceEvent.Absence', 'AttendanceEvent.ExcusedAbsence', 'AttendanceEvent.UnexcusedAbsence', 'AttendanceEvent.Tardy')
    GROUP BY DescriptorUri) AS m ON m.DescriptorUri = e.attendance_event_category_descriptor_uri
    
    GROUP BY e.student_unique_id, e.school_id, e.event_date, e.session_school_year),
se AS (
  SELECT student_unique_id, school_id, event_date, event_school_year AS year_key, (school_present << 1) | (school_absent << 2) | (school_excused << 3) | (school_unexcused << 4) | (school_tardy << 5) AS event_flags FROM se_by_year
  UNION ALL
  SELECT student_unique_id, school_id, event_date, -1 AS year_key, BIT_OR((school_present << 1) | (school_absent << 2) | (school_excused << 3) | (school_unexcused << 4) | (school_tardy << 5)) AS event_flags
  FROM se_by_year GROUP BY student_unique_id, school_id, event_date
),
xe_by_year AS (SELECT e.student_unique_id, e.school_id, e.event_date, e.section_school_year AS event_school_year, MAX(COALESCE(m.present, 0)) AS section_present, MAX(CASE WHEN h.student_unique_id IS NOT NULL THEN COALESCE(m.present, 0) ELSE 0 END) AS homeroom_present, MAX(COALESCE(m.absent, 0)) AS section_absent, MAX(CASE WHEN h.student_unique_id IS NOT NULL THEN COALESCE(m.absent, 0) ELSE 0 END) AS homeroom_absent, MAX(COALESCE(m.excused, 0)) AS section_excused, MAX(CASE WHEN h.student_unique_id IS NOT NULL THEN COALESCE(m.excused, 0) ELSE 0 END) AS homeroom_excused, MAX(COALESCE(m.unexcused, 0)) AS section_unexcused, MAX(CASE WHEN h.student_unique_id IS NOT NULL THEN COALESCE(m.unexcused, 0) ELSE 0 END) AS homeroom_unexcused, MAX(COALESCE(m.tardy, 0)) AS section_tardy, MAX(CASE WHEN h.student_unique_id IS NOT NULL THEN COALESCE(m.tardy, 0) ELSE 0 END) AS homeroom_tardy
    FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_section_attendance_events` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY attendance_event_category_descriptor, event_date, local_course_code, school_id, section_school_year, section_identifier, session_name, student_unique_id)) AS e
    LEFT JOIN (SELECT DescriptorUri, MAX(CASE WHEN ConstantName = 'AttendanceEvent.Present' THEN 1 ELSE 0 END) AS present, MAX(CASE WHEN ConstantName = 'AttendanceEvent.Absence' THEN 1 ELSE 0 END) AS absent, MAX(CASE WHEN ConstantName = 'AttendanceEvent.ExcusedAbsence' THEN 1 ELSE 0 END) AS excused, MAX(CASE WHEN ConstantName = 'AttendanceEvent.UnexcusedAbsence' THEN 1 ELSE 0 END) AS unexcused, MAX(CASE WHEN ConstantName = 'AttendanceEvent.Tardy' THEN 1 ELSE 0 END) AS tardy
    FROM `edfi-amt.analytics_config.DescriptorMap`
    WHERE ConstantName IN ('AttendanceEvent.Present', 'AttendanceEvent.Absence', 'AttendanceEvent.ExcusedAbsence', 'AttendanceEvent.UnexcusedAbsence', 'AttendanceEvent.Tardy')
    GROUP BY DescriptorUri) AS m ON m.DescriptorUri = e.attendance_event_category_descriptor_uri
    LEFT JOIN (SELECT DISTINCT local_course_code, school_id, section_school_year, section_identifier, session_name, student_unique_id FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_section_associations` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY begin_date, local_course_code, school_id, section_school_year, section_identifier, session_name, student_unique_id)) AS a WHERE a.homeroom_indicator) AS h ON h.local_course_code = e.local_course_code AND h.school_id = e.school_id AND h.section_school_year = e.section_school_year AND h.section_identifier = e.section_identifier AND h.session_name = e.session_name AND h.student_unique_id = e.student_unique_id
    GROUP BY e.student_unique_id, e.school_id, e.event_date, e.section_school_year),
xe AS (
  SELECT student_unique_id, school_id, event_date, event_school_year AS year_key, (homeroom_present << 6) | (homeroom_absent << 7) | (homeroom_excused << 8) | (homeroom_unexcused << 9) | (homeroom_tardy << 10) | (section_present << 11) | (section_absent << 12) | (section_excused << 13) | (section_unexcused << 14) | (section_tardy << 15) AS event_flags FROM xe_by_year
  UNION ALL
  SELECT student_unique_id, school_id, event_date, -1 AS year_key, BIT_OR((homeroom_present << 6) | (homeroom_absent << 7) | (homeroom_excused << 8) | (homeroom_unexcused << 9) | (homeroom_tardy << 10) | (section_present << 11) | (section_absent << 12) | (section_excused << 13) | (section_unexcused << 14) | (section_tardy << 15)) AS event_flags
  FROM xe_by_year GROUP BY student_unique_id, school_id, event_date
),
day_events AS (
  SELECT student_unique_id, school_id, event_date, year_key, BIT_OR(event_flags) AS event_flags
  FROM (
    SELECT student_unique_id, school_id, event_date, year_key, event_flags FROM se
    UNION ALL
    SELECT student_unique_id, school_id, event_date, year_key, event_flags FROM xe
  ) AS ev
  GROUP BY student_unique_id, school_id, event_date, year_key
)
SELECT e.student_unique_id, e.school_id, dy.date, dy.is_instructional | COALESCE(ev.event_flags, 0) AS day_flags
  FROM enrollments AS e
  INNER JOIN days AS dy ON dy.school_id = e.school_id AND dy.date >= e.entry_date AND dy.date <= COALESCE(e.exit_withdraw_date, DATE '9999-12-31')
  LEFT JOIN day_events AS ev ON ev.student_unique_id = e.student_unique_id AND ev.school_id = e.school_id AND ev.event_date = dy.date AND ev.year_key = COALESCE(e.school_year_type_school_year, -1)
  WHERE e.overlapping = 0
UNION ALL
SELECT student_unique_id, school_id, date, BIT_OR(day_flags) AS day_flags
FROM (
  SELECT e.student_unique_id, e.school_id, dy.date, dy.is_instructional | COALESCE(ev.event_flags, 0) AS day_flags
  FROM enrollments AS e
  INNER JOIN days AS dy ON dy.school_id = e.school_id AND dy.date >= e.entry_date AND dy.date <= COALESCE(e.exit_withdraw_date, DATE '9999-12-31')
  LEFT JOIN day_events AS ev ON ev.student_unique_id = e.student_unique_id AND ev.school_id = e.school_id AND ev.event_date = dy.date AND ev.year_key = COALESCE(e.school_year_type_school_year, -1)
  WHERE e.overlapping = 1
) AS shared
GROUP BY student_unique_id, school_id, date) AS dy
