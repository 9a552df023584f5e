// Dataform unit test(s) of AMT LocalEducationAgencyDim (AMT-SPEC §4.4); rows are written with includes/amt_tests.js.
const { rows, timestamp, declareTest: declare } = amt_tests;

// The state agency key is the reference; the service center key only when that center exists; absent
// values are ''; LastModifiedDate skips the missing service center.
declare(
  "test_LocalEducationAgencyDim_parents_and_defaults",
  "LocalEducationAgencyDim",
  {
    stg_local_education_agencies: rows([
      { school_year: 2025, local_education_agency_id: 255901, name_of_institution: "Grand Bend ISD", local_education_agency_category_descriptor: "Independent", parent_local_education_agency_id: null, state_education_agency_id: 255, education_service_center_id: 25590, charter_status_descriptor: null, last_modified_date: timestamp("2024-07-01 00:00:00") },
    ]),
    stg_state_education_agencies: rows([{ school_year: 2025, state_education_agency_id: 255, name_of_institution: "Texas Education Agency", last_modified_date: timestamp("2024-07-02 00:00:00") }]),
    stg_education_service_centers: rows([], ["school_year", "education_service_center_id", "name_of_institution", "last_modified_date"]),
  },
  rows([
    {
      LocalEducationAgencyKey: "255901", LocalEducationAgencyName: "Grand Bend ISD", LocalEducationAgencyType: "Independent", LocalEducationAgencyParentLocalEducationAgencyKey: "",
      LocalEducationAgencyStateEducationAgencyName: "Texas Education Agency", LocalEducationAgencyStateEducationAgencyKey: "255",
      LocalEducationAgencyServiceCenterName: "", LocalEducationAgencyServiceCenterKey: "", LocalEducationAgencyCharterStatus: "", LastModifiedDate: timestamp("2024-07-02 00:00:00"),
    },
  ]),
);
