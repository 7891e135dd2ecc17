using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MingXin.Bot.Tests.Infrastructure;

/// <summary>
/// A token authority on loopback, for the Bot Framework's own token validation with real crypto:
/// OpenID metadata and a JWKS over HTTPS (the SDK refuses plain HTTP metadata), with a certificate
/// made here and trusted for this user only while the authority runs. It signs tokens with its
/// RSA key; a second key is published with other endorsements, and a third is never published.
/// </summary>
public sealed class LoopbackAuthority : IAsyncDisposable
{
    public const string ChannelKeyId = "channel-key";
    public const string OtherChannelKeyId = "other-channel-key";
    public const string UnpublishedKeyId = "unpublished-key";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly Dictionary<string, RsaSecurityKey> _keys;

    private LoopbackAuthority(WebApplication app, X509Certificate2 certificate, Dictionary<string, RsaSecurityKey> keys, string baseUrl)
    {
        _app = app;
        _certificate = certificate;
        _keys = keys;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string MetadataUrl => BaseUrl + "/.well-known/openid-configuration";

    /// <summary>The issuer the bot is configured to trust (as Teams' tokens carry https://api.botframework.com).</summary>
    public string Issuer => BaseUrl + "/issuer";

    public static async Task<LoopbackAuthority> StartAsync()
    {
        var keys = new Dictionary<string, RsaSecurityKey>
        {
            [ChannelKeyId] = new(RSA.Create(2048)) { KeyId = ChannelKeyId },
            [OtherChannelKeyId] = new(RSA.Create(2048)) { KeyId = OtherChannelKeyId },
            [UnpublishedKeyId] = new(RSA.Create(2048)) { KeyId = UnpublishedKeyId },
        };

        var certificate = CreateCertificate();
        using (var root = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            root.Open(OpenFlags.ReadWrite);
            root.Add(X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        string? baseUrl = null;
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = baseUrl + "/issuer",
            ["authorization_endpoint"] = baseUrl + "/authorize",
            ["jwks_uri"] = baseUrl + "/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
        }));
        app.MapGet("/keys", () => Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                Jwk(keys[ChannelKeyId], ["msteams", "webchat"]),
                Jwk(keys[OtherChannelKeyId], ["skype"]),
            },
        }));
        await app.StartAsync();
        baseUrl = app.Urls.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return new LoopbackAuthority(app, certificate, keys, baseUrl);
    }

    /// <summary>A Bot Framework channel token: signed with <paramref name="keyId"/>, the claims Teams sends, each overridable.</summary>
    public string Token(string audience, string serviceUrl, string keyId = ChannelKeyId, string? issuer = null, DateTime? notBefore = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now).AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(_keys[keyId], SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        using (var root = new X509Store(StoreName.Root, StoreLocation.CurrentUser))
        {
            root.Open(OpenFlags.ReadWrite);
            foreach (var c in root.Certificates.Find(X509FindType.FindByThumbprint, _certificate.Thumbprint, validOnly: false))
            {
                root.Remove(c);
            }
        }

        _certificate.Dispose();
    }

    private static Dictionary<string, object> Jwk(RsaSecurityKey key, string[] endorsements)
    {
        var p = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["endorsements"] = endorsements,
        };
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=MingXin test authority", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
