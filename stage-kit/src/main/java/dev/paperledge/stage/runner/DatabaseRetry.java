package dev.paperledge.stage.runner;

/**
 * The one retry policy for a database that is briefly away: runs the work again while it fails with
 * {@link dev.paperledge.stage.db.DatabaseUnavailable} (safe, since every stage is idempotent), and
 * lets the last failure through once the policy gives up.
 */
public interface DatabaseRetry {
    void run(Runnable work);
}
