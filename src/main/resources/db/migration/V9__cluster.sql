-- Jobs that one node of a cluster does at a time (docs/cluster.md): the holder renews its lease
-- while it lives; when the lease runs out, another node takes the job over. Times are epoch
-- microseconds by the clock of the node that wrote them.
CREATE TABLE node_leases (
    name             VARCHAR(64)  NOT NULL PRIMARY KEY,
    holder           VARCHAR(128) NOT NULL,
    lease_until      BIGINT       NOT NULL
);
INSERT INTO node_leases (name, holder, lease_until) VALUES ('checkpointer', '', 0);
