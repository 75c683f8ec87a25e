/// Constants of the EC2 Query API that sgsh speaks.
public enum EC2API {
    /// The API version every request names.
    public static let version = "2016-11-15"
    /// The XML namespace of every response.
    public static let xmlNamespace = "http://ec2.amazonaws.com/doc/2016-11-15/"
}
