DROP INDEX access_requests_open;
DROP TABLE access_request_notices;
