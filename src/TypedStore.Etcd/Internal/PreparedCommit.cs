using Etcdserverpb;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// One commit's etcd transaction on its rented lane, ready to send (<see cref="EtcdStorageEngine.SendCommitAsync"/>).
/// Every attempt sends this same request: that is what makes the lane's compare tell a retry from a first attempt.
/// </summary>
internal sealed record PreparedCommit(TxnRequest Request, CommitLane Lane, string What);
