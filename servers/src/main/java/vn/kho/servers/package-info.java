/**
 * Real servers that Kho's replicas talk to, each run from its own artifact in a forked JVM: S3Proxy
 * ({@link vn.kho.servers.s3proxy.S3ProxyProcess}) and Fedora 6 in Tomcat 9
 * ({@link vn.kho.servers.fedora.FedoraProcess}). Used by the replica tests and by {@code kho bench replicate}; this
 * module knows nothing of Kho's storage types.
 */
package vn.kho.servers;
