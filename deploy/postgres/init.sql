-- Each stateful service owns its database and schema; Flyway in the service creates the tables.
CREATE USER mixture PASSWORD 'mixture';
CREATE DATABASE mixture OWNER mixture;
CREATE USER trainer PASSWORD 'trainer';
CREATE DATABASE trainer OWNER trainer;
