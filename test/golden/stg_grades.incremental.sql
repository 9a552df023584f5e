DECLARE since_grades STRING DEFAULT (WITH staged AS (
  SELECT school_year, MAX(_run_id) AS newest FROM `edfi-amt.edfi_staging.stg_grades` GROUP BY school_year
), latest AS (
  SELECT MAX(newest) AS run_id FROM staged
)
SELECT COALESCE(CASE
  WHEN EXISTS (
    SELECT 1
    FROM (SELECT run_id, school_year, snapshot FROM `edfi-amt.edfi_sources._commits` WHERE table_name = 'grades') AS c
    INNER JOIN latest AS r ON r.run_id = c.run_id
    LEFT JOIN staged AS s ON s.school_year = c.school_year AND s.newest = r.run_id
    WHERE s.school_year IS NULL
  ) THEN (SELECT MAX(c.run_id) FROM (SELECT run_id, school_year, snapshot FROM `edfi-amt.edfi_sources._commits` WHERE table_name = 'grades') AS c CROSS JOIN latest AS r WHERE c.run_id < r.run_id)
  ELSE (SELECT run_id FROM latest)
END, ''))
;
WITH commits AS (
  SELECT run_id, school_year, snapshot
  FROM `edfi-amt.edfi_sources._commits`
  WHERE table_name = 'grades'
),
snapshots AS (
  SELECT school_year, MAX(run_id) AS run_id
  FROM commits
  WHERE snapshot
  GROUP BY school_year
),
lines AS (
  SELECT l.id, l.school_year, l.run_id, l.operation, SAFE_CAST(REGEXP_REPLACE(l.extracted_at, r'(\.[0-9]{6})[0-9]+', r'\1') AS TIMESTAMP) AS extracted_at, l.data AS _v
  FROM `edfi-amt.edfi_sources.grades` AS l
  INNER JOIN commits AS c ON c.run_id = l.run_id AND c.school_year = l.school_year
  LEFT JOIN snapshots AS s ON s.school_year = l.school_year
  WHERE l.operation IN ('upsert', 'delete')
    AND l.run_id >= COALESCE(s.run_id, '')
    AND l.run_id > since_grades
),
latest AS (
SELECT * FROM lines WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY school_year, id ORDER BY run_id DESC, CASE operation WHEN 'delete' THEN 0 ELSE 1 END, extracted_at DESC) = 1
)
SELECT
  id,
  school_year,
  SPLIT(JSON_VALUE(_v, '$.gradeTypeDescriptor'), '#')[SAFE_OFFSET(1)] AS grade_type_descriptor,
  JSON_VALUE(_v, '$.gradeTypeDescriptor') AS grade_type_descriptor_uri,
  SPLIT(JSON_VALUE(_v, '$.gradingPeriodReference.gradingPeriodDescriptor'), '#')[SAFE_OFFSET(1)] AS grading_period_descriptor,
  JSON_VALUE(_v, '$.gradingPeriodReference.gradingPeriodDescriptor') AS grading_period_descriptor_uri,
  JSON_VALUE(_v, '$.gradingPeriodReference.gradingPeriodName') AS grading_period_name,
  SAFE_CAST(JSON_VALUE(_v, '$.gradingPeriodReference.schoolYear') AS INT64) AS grading_period_school_year,
  SAFE_CAST(JSON_VALUE(_v, '$.studentSectionAssociationReference.beginDate') AS DATE) AS begin_date,
  JSON_VALUE(_v, '$.studentSectionAssociationReference.localCourseCode') AS local_course_code,
  SAFE_CAST(JSON_VALUE(_v, '$.studentSectionAssociationReference.schoolId') AS INT64) AS school_id,
  SAFE_CAST(JSON_VALUE(_v, '$.studentSectionAssociationReference.schoolYear') AS INT64) AS student_section_association_school_year,
  JSON_VALUE(_v, '$.studentSectionAssociationReference.sectionIdentifier') AS section_identifier,
  JSON_VALUE(_v, '$.studentSectionAssociationReference.sessionName') AS session_name,
  JSON_VALUE(_v, '$.studentSectionAssociationReference.studentUniqueId') AS student_unique_id,
  SAFE_CAST(JSON_VALUE(_v, '$.gradingPeriodReference.periodSequence') AS INT64) AS period_sequence,
  JSON_VALUE(_v, '$.letterGradeEarned') AS letter_grade_earned,
  SAFE_CAST(JSON_VALUE(_v, '$.numericGradeEarned') AS NUMERIC) AS numeric_grade_earned,
  SPLIT(JSON_VALUE(_v, '$.performanceBaseConversionDescriptor'), '#')[SAFE_OFFSET(1)] AS performance_base_conversion_descriptor,
  JSON_VALUE(_v, '$.performanceBaseConversionDescriptor') AS performance_base_conversion_descriptor_uri,
  JSON_VALUE(_v, '$.diagnosticStatement') AS diagnostic_statement,
  CASE WHEN operation = 'upsert' THEN COALESCE(SAFE_CAST(REGEXP_REPLACE(JSON_VALUE(_v, '$._lastModifiedDate'), r'(\.[0-9]{6})[0-9]+', r'\1') AS TIMESTAMP), extracted_at) END AS last_modified_date,
  extracted_at,
  run_id AS _run_id
FROM latest
;
DELETE FROM `edfi-amt.edfi_staging.stg_grades` WHERE last_modified_date IS NULL
;
DELETE FROM `edfi-amt.edfi_staging.stg_grades` AS t
WHERE EXISTS (SELECT 1 FROM (SELECT run_id, school_year, snapshot FROM `edfi-amt.edfi_sources._commits` WHERE table_name = 'grades') AS newer_run WHERE newer_run.snapshot AND newer_run.run_id > since_grades)
  AND t._run_id < (SELECT MAX(snapshot_run.run_id) FROM (SELECT run_id, school_year, snapshot FROM `edfi-amt.edfi_sources._commits` WHERE table_name = 'grades') AS snapshot_run WHERE snapshot_run.snapshot AND snapshot_run.school_year = t.school_year)
