SELECT
  CAST(StudentKey AS STRING) AS StudentKey,
  CAST(SchoolKey AS STRING) AS SchoolKey,
  CAST(GradingPeriodKey AS STRING) AS GradingPeriodKey,
  CAST(StudentSectionKey AS STRING) AS StudentSectionKey,
  CAST(SectionKey AS STRING) AS SectionKey,
  CAST(NumericGradeEarned AS NUMERIC) AS NumericGradeEarned,
  CAST(LetterGradeEarned AS STRING) AS LetterGradeEarned,
  CAST(GradeType AS STRING) AS GradeType
FROM (
SELECT
  g.student_unique_id AS StudentKey,
  CAST(g.school_id AS STRING) AS SchoolKey,
  COALESCE(CAST(g.grading_period_descriptor AS STRING), '') || '-' || COALESCE(CAST(g.school_id AS STRING), '') || '-' || COALESCE(CAST(FORMAT_DATE('%Y%m%d', g.grading_period_begin_date) AS STRING), '') AS GradingPeriodKey,
  COALESCE(CAST(g.student_unique_id AS STRING), '') || '-' || COALESCE(CAST(g.school_id AS STRING), '') || '-' || COALESCE(CAST(g.local_course_code AS STRING), '') || '-' || COALESCE(CAST(g.student_section_association_school_year AS STRING), '') || '-' || COALESCE(CAST(g.section_identifier AS STRING), '') || '-' || COALESCE(CAST(g.session_name AS STRING), '') || '-' || COALESCE(CAST(FORMAT_DATE('%Y%m%d', g.begin_date) AS STRING), '') AS StudentSectionKey,
  COALESCE(CAST(g.school_id AS STRING), '') || '-' || COALESCE(CAST(g.local_course_code AS STRING), '') || '-' || COALESCE(CAST(g.student_section_association_school_year AS STRING), '') || '-' || COALESCE(CAST(g.section_identifier AS STRING), '') || '-' || COALESCE(CAST(g.session_name AS STRING), '') AS SectionKey,
  g.grade_value AS NumericGradeEarned,
  COALESCE(g.letter_grade_earned, '') AS LetterGradeEarned,
  g.grade_type_descriptor AS GradeType
FROM (SELECT g.*, gp.begin_date AS grading_period_begin_date, COALESCE(g.numeric_grade_earned, t.NumericGrade, 0) AS grade_value,
    COALESCE(g.numeric_grade_earned, t.NumericGrade) IS NULL AS grade_value_fallback
  FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_grades` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY grade_type_descriptor, grading_period_descriptor, grading_period_name, grading_period_school_year, begin_date, local_course_code, school_id, student_section_association_school_year, section_identifier, session_name, student_unique_id, period_sequence)) AS g
  INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_students` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY student_unique_id)) AS st ON st.student_unique_id = g.student_unique_id
  INNER JOIN (SELECT * FROM `edfi-amt.edfi_staging.stg_grading_periods` WHERE TRUE QUALIFY school_year = MAX(school_year) OVER (PARTITION BY grading_period_descriptor, grading_period_name, school_id, school_year_type_school_year, period_sequence)) AS gp
    ON gp.grading_period_descriptor_uri = g.grading_period_descriptor_uri AND gp.school_id = g.school_id
    AND gp.school_year_type_school_year = g.grading_period_school_year
    AND COALESCE(gp.grading_period_name = g.grading_period_name, gp.period_sequence = g.period_sequence)
  LEFT JOIN `edfi-amt.analytics_config.ews_LetterGradeTranslation` AS t ON t.LetterGrade = UPPER(RTRIM(g.letter_grade_earned))
  WHERE g.grade_type_descriptor_uri IN (SELECT DescriptorUri FROM `edfi-amt.analytics_config.DescriptorMap` WHERE ConstantName = 'GradeType.GradingPeriod') OR g.grade_type_descriptor_uri IN (SELECT DescriptorUri FROM `edfi-amt.analytics_config.DescriptorMap` WHERE ConstantName = 'GradeType.Semester') OR g.grade_type_descriptor_uri IN (SELECT DescriptorUri FROM `edfi-amt.analytics_config.DescriptorMap` WHERE ConstantName = 'GradeType.Final')) AS g
) AS amt
