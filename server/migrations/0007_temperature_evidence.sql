-- Temperature evidence (issue #8, docs/coldchain.md): where a logger was, and each reading once.
-- Never edit this file once it has landed: add a new numbered migration instead.
--
-- temperature_readings (0003) stays append-only; these columns only describe a reading:
--   place_kind: 'shipper' (the final product's shipper, limits of the receipt step's shipper
--               rule) or 'storage' (a storage position, limits of the product's storage rule)
--   place:      the shipper id or storage position as given ('' when not given)
-- A logger measures one temperature at one instant: (journey, logger, taken_at) is recorded
-- once, so a file imported twice, or a live push repeated after a timeout, records nothing new.
-- Per journey: a freezer monitor's reading is evidence for every journey with a bag in it.
ALTER TABLE temperature_readings
    ADD COLUMN place_kind text NOT NULL DEFAULT 'shipper' CHECK (place_kind IN ('shipper', 'storage')),
    ADD COLUMN place      text NOT NULL DEFAULT '' CHECK (length(place) <= 200);
CREATE UNIQUE INDEX temperature_readings_once ON temperature_readings (journey_id, logger_serial, taken_at);
