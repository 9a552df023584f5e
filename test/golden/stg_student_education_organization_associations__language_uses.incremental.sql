DECLARE since_stg_student_education_organization_associations__language_uses STRING DEFAULT (WITH staged AS (
  SELECT school_year, MAX(_run_id) AS newest FROM `edfi-amt.edfi_staging.stg_student_education_organization_associations__language_uses` GROUP BY school_year
), latest AS (
  SELECT MAX(newest) AS run_id FROM staged
)
SELECT COALESCE(CASE
  WHEN EXISTS (
    SELECT 1
    FROM (SELECT run_id, school_year, snapshot FROM `edfi-amt.edfi_sources._commits` WHERE table_name = 'student_education_organization_associations') AS c
    INNER JOIN latest AS r ON r.run_id = c.run_id
    LEFT JOIN staged AS s ON s.school_year = c.school_year AND s.newest = r.run_id
    WHERE s.school_year IS NULL
  ) THEN (SELECT MAX(c.run_id) FROM (SELECT run_id, school_year, snapshot FROM `edfi-amt.edfi_sources._commits` WHERE table_name = 'student_education_organization_associations') AS c CROSS JOIN latest AS r WHERE c.run_id < r.run_id)
  ELSE (SELECT run_id FROM latest)
END, ''))
;
DELETE FROM `edfi-amt.edfi_staging.stg_student_education_organization_associations__language_uses` AS c
WHERE NOT EXISTS (
  SELECT 1
  FROM `edfi-amt.edfi_staging.stg_student_education_organization_associations` AS p
  WHERE TRUE
    AND p.id = c.parent_id AND p.school_year = c.school_year AND p._run_id = c._run_id
)
;
SELECT
  p.id AS parent_id,
  p.school_year,
  p.education_organization_id,
  p.student_unique_id,
  SPLIT(JSON_VALUE(e0, '$.languageDescriptor'), '#')[SAFE_OFFSET(1)] AS language_descriptor,
  JSON_VALUE(e0, '$.languageDescriptor') AS language_descriptor_uri,
  SPLIT(JSON_VALUE(e1, '$.languageUseDescriptor'), '#')[SAFE_OFFSET(1)] AS language_use_descriptor,
  JSON_VALUE(e1, '$.languageUseDescriptor') AS language_use_descriptor_uri,
  p.last_modified_date,
  p._run_id
FROM (SELECT * FROM `edfi-amt.edfi_staging.stg_student_education_organization_associations` WHERE _run_id > since_stg_student_education_organization_associations__language_uses) AS p
CROSS JOIN UNNEST(JSON_QUERY_ARRAY(p.languages_json)) AS e0
CROSS JOIN UNNEST(JSON_QUERY_ARRAY(e0, '$.uses')) AS e1
