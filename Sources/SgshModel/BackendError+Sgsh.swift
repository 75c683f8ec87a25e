// The errors sgsh raises itself, with EC2's code and wording where EC2 has one,
// so a group that is missing reads the same whether EC2, the local store, the
// resource model or the executor noticed it, and a cancelled call is named as such.

extension BackendError {
    /// The operation was cancelled (Ctrl-C, a cancelled task) before it finished.
    public static let cancelled = BackendError(
        category: .cancelled, code: "Cancelled", message: "cancelled before it finished")

    /// `InvalidGroup.NotFound`: no group with this id (or name).
    public static func groupNotFound(_ idOrName: String) -> BackendError {
        BackendError(code: "InvalidGroup.NotFound", message: "The security group '\(idOrName)' does not exist")
    }

    /// A group the plan creates was not created (its create failed earlier), so a call
    /// that names it cannot be sent; `what` names it as the report does.
    public static func groupNotCreated(_ what: String) -> BackendError {
        BackendError(code: "InvalidGroup.NotFound", message: "\(what) was not created")
    }
}
