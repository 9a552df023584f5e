DECLARE since_stg_student_education_organization_associations__language_uses STRING DEFAULT (SELECT COALESCE(MAX(_run_id), '') FROM `edfi-amt.edfi_staging.stg_student_education_organization_associations__language_uses`)
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
