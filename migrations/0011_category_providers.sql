-- Which departments may provide each category of the data catalogue, as the operator set it.
-- A category without rows here is provided by the departments its catalogue entry names by
-- default (collect/providers.cpp); once the operator names them, exactly those.
CREATE TABLE collect_category_providers (
  category TEXT NOT NULL,
  organisation_id BIGINT NOT NULL REFERENCES organisations (id),
  PRIMARY KEY (category, organisation_id)
);
