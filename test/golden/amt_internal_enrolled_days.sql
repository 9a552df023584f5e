SELECT * FROM (WITH days AS (
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
se_by_year AS (SELECT e.student_unique_id, e.school_id, e.event_date, e.session_school_year AS event_school_year, MAX(COALESCE(m.present, 0)) AS school_present, MAX(COALESCE(m.absent, 0)) AS school_absent, MAX(COALESCE(m.excused, 0)) AS school_excused, MAX(COALESCE(m.unexcused, 0)) AS school_unexcused, MAX(COALESCE(m.tardy, 0)) AS school_tardy
    FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_school_attendance_events` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY attendance_event_category_descriptor, event_date, school_id, session_school_year, session_name, student_unique_id)) AS e
    LEFT JOIN (SELECT DescriptorUri, MAX(CASE WHEN ConstantName = 'AttendanceEvent.Present' THEN 1 ELSE 0 END) AS present, MAX(CASE WHEN ConstantName = 'AttendanceEvent.Absence' THEN 1 ELSE 0 END) AS absent, MAX(CASE WHEN ConstantName = 'AttendanceEvent.ExcusedAbsence' THEN 1 ELSE 0 END) AS excused, MAX(CASE WHEN ConstantName = 'AttendanceEvent.UnexcusedAbsence' THEN 1 ELSE 0 END) AS unexcused, MAX(CASE WHEN ConstantName = 'AttendanceEvent.Tardy' THEN 1 ELSE 0 END) AS tardy
    FROM `edfi-amt.analytics_config.DescriptorMap`
    WHERE ConstantName IN ('AttendanceEvent.Present', 'AttendanceEvent.Absence', 'AttendanceEvent.ExcusedAbsence', 'AttendanceEvent.UnexcusedAbsence', 'AttendanceEvent.Tardy')
    GROUP BY DescriptorUri) AS m ON m.DescriptorUri = e.attendance_event_category_descriptor_uri
    
    GROUP BY e.student_unique_id, e.school_id, e.event_date, e.session_school_year),
se AS (
  SELECT student_unique_id, school_id, event_date, event_school_year AS year_key, school_present, school_absent, school_excused, school_unexcused, school_tardy FROM se_by_year
  UNION ALL
  SELECT student_unique_id, school_id, event_date, -1 AS year_key, MAX(school_present) AS school_present, MAX(school_absent) AS school_absent, MAX(school_excused) AS school_excused, MAX(school_unexcused) AS school_unexcused, MAX(school_tardy) AS school_tardy
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
  SELECT student_unique_id, school_id, event_date, event_school_year AS year_key, homeroom_present, homeroom_absent, homeroom_excused, homeroom_unexcused, homeroom_tardy, section_present, section_absent, section_excused, section_unexcused, section_tardy FROM xe_by_year
  UNION ALL
  SELECT student_unique_id, school_id, event_date, -1 AS year_key, MAX(homeroom_present) AS homeroom_present, MAX(homeroom_absent) AS homeroom_absent, MAX(homeroom_excused) AS homeroom_excused, MAX(homeroom_unexcused) AS homeroom_unexcused, MAX(homeroom_tardy) AS homeroom_tardy, MAX(section_present) AS section_present, MAX(section_absent) AS section_absent, MAX(section_excused) AS section_excused, MAX(section_unexcused) AS section_unexcused, MAX(section_tardy) AS section_tardy
  FROM xe_by_year GROUP BY student_unique_id, school_id, event_date
),
day_events AS (
  SELECT student_unique_id, school_id, event_date, year_key, MAX(school_present) AS school_present, MAX(school_absent) AS school_absent, MAX(school_excused) AS school_excused, MAX(school_unexcused) AS school_unexcused, MAX(school_tardy) AS school_tardy, MAX(homeroom_present) AS homeroom_present, MAX(homeroom_absent) AS homeroom_absent, MAX(homeroom_excused) AS homeroom_excused, MAX(homeroom_unexcused) AS homeroom_unexcused, MAX(homeroom_tardy) AS homeroom_tardy, MAX(section_present) AS section_present, MAX(section_absent) AS section_absent, MAX(section_excused) AS section_excused, MAX(section_unexcused) AS section_unexcused, MAX(section_tardy) AS section_tardy
  FROM (
    SELECT student_unique_id, school_id, event_date, year_key, school_present, school_absent, school_excused, school_unexcused, school_tardy, 0 AS homeroom_present, 0 AS homeroom_absent, 0 AS homeroom_excused, 0 AS homeroom_unexcused, 0 AS homeroom_tardy, 0 AS section_present, 0 AS section_absent, 0 AS section_excused, 0 AS section_unexcused, 0 AS section_tardy FROM se
    UNION ALL
    SELECT student_unique_id, school_id, event_date, year_key, 0 AS school_present, 0 AS school_absent, 0 AS school_excused, 0 AS school_unexcused, 0 AS school_tardy, homeroom_present, homeroom_absent, homeroom_excused, homeroom_unexcused, homeroom_tardy, section_present, section_absent, section_excused, section_unexcused, section_tardy FROM xe
  ) AS ev
  GROUP BY student_unique_id, school_id, event_date, year_key
)
SELECT student_unique_id, school_id, date, is_instructional | (school_present << 1) | (school_absent << 2) | (school_excused << 3) | (school_unexcused << 4) | (school_tardy << 5) | (homeroom_present << 6) | (homeroom_absent << 7) | (homeroom_excused << 8) | (homeroom_unexcused << 9) | (homeroom_tardy << 10) | (section_present << 11) | (section_absent << 12) | (section_excused << 13) | (section_unexcused << 14) | (section_tardy << 15) AS day_flags
FROM (
  SELECT e.student_unique_id, e.school_id, dy.date, dy.is_instructional,
    COALESCE(ev.school_present, 0) AS school_present, COALESCE(ev.school_absent, 0) AS school_absent, COALESCE(ev.school_excused, 0) AS school_excused, COALESCE(ev.school_unexcused, 0) AS school_unexcused, COALESCE(ev.school_tardy, 0) AS school_tardy, COALESCE(ev.homeroom_present, 0) AS homeroom_present, COALESCE(ev.homeroom_absent, 0) AS homeroom_absent, COALESCE(ev.homeroom_excused, 0) AS homeroom_excused, COALESCE(ev.homeroom_unexcused, 0) AS homeroom_unexcused, COALESCE(ev.homeroom_tardy, 0) AS homeroom_tardy, COALESCE(ev.section_present, 0) AS section_present, COALESCE(ev.section_absent, 0) AS section_absent, COALESCE(ev.section_excused, 0) AS section_excused, COALESCE(ev.section_unexcused, 0) AS section_unexcused, COALESCE(ev.section_tardy, 0) AS section_tardy
  FROM enrollments AS e
  INNER JOIN days AS dy ON dy.school_id = e.school_id AND dy.date >= e.entry_date AND dy.date <= COALESCE(e.exit_withdraw_date, DATE '9999-12-31')
  LEFT JOIN day_events AS ev ON ev.student_unique_id = e.student_unique_id AND ev.school_id = e.school_id AND ev.event_date = dy.date AND ev.year_key = COALESCE(e.school_year_type_school_year, -1)
  WHERE e.overlapping = 0
  UNION ALL
  SELECT student_unique_id, school_id, date, MAX(is_instructional) AS is_instructional, MAX(school_present) AS school_present, MAX(school_absent) AS school_absent, MAX(school_excused) AS school_excused, MAX(school_unexcused) AS school_unexcused, MAX(school_tardy) AS school_tardy, MAX(homeroom_present) AS homeroom_present, MAX(homeroom_absent) AS homeroom_absent, MAX(homeroom_excused) AS homeroom_excused, MAX(homeroom_unexcused) AS homeroom_unexcused, MAX(homeroom_tardy) AS homeroom_tardy, MAX(section_present) AS section_present, MAX(section_absent) AS section_absent, MAX(section_excused) AS section_excused, MAX(section_unexcused) AS section_unexcused, MAX(section_tardy) AS section_tardy
  FROM (
    SELECT e.student_unique_id, e.school_id, dy.date, dy.is_instructional,
    COALESCE(ev.school_present, 0) AS school_present, COALESCE(ev.school_absent, 0) AS school_absent, COALESCE(ev.school_excused, 0) AS school_excused, COALESCE(ev.school_unexcused, 0) AS school_unexcused, COALESCE(ev.school_tardy, 0) AS school_tardy, COALESCE(ev.homeroom_present, 0) AS homeroom_present, COALESCE(ev.homeroom_absent, 0) AS homeroom_absent, COALESCE(ev.homeroom_excused, 0) AS homeroom_excused, COALESCE(ev.homeroom_unexcused, 0) AS homeroom_unexcused, COALESCE(ev.homeroom_tardy, 0) AS homeroom_tardy, COALESCE(ev.section_present, 0) AS section_present, COALESCE(ev.section_absent, 0) AS section_absent, COALESCE(ev.section_excused, 0) AS section_excused, COALESCE(ev.section_unexcused, 0) AS section_unexcused, COALESCE(ev.section_tardy, 0) AS section_tardy
  FROM enrollments AS e
  INNER JOIN days AS dy ON dy.school_id = e.school_id AND dy.date >= e.entry_date AND dy.date <= COALESCE(e.exit_withdraw_date, DATE '9999-12-31')
  LEFT JOIN day_events AS ev ON ev.student_unique_id = e.student_unique_id AND ev.school_id = e.school_id AND ev.event_date = dy.date AND ev.year_key = COALESCE(e.school_year_type_school_year, -1)
  WHERE e.overlapping = 1
  ) AS shared
  GROUP BY student_unique_id, school_id, date
) AS flagged) AS dy
