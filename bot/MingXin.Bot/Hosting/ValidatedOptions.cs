using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace MingXin.Bot.Hosting;

/// <summary>
/// Settings are checked when the bot starts, not when a value is first used: a wrong value stops the
/// start with a message that names its key (<c>Outbox:SweepSeconds</c>) and says what is allowed.
/// Nothing is clamped silently.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/> and checks it (data annotations and <see cref="IValidatableObject"/>) at start.</summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        return services;
    }

    /// <summary>Checks one section's options and names each wrong value by its full key.</summary>
    internal sealed class SectionValidator<T>(string section) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            {
                return ValidateOptionsResult.Success;
            }

            return ValidateOptionsResult.Fail(results.Select(r =>
            {
                var member = r.MemberNames.FirstOrDefault();
                var key = member is null ? section : $"{section}:{member}";
                var value = member is null ? null : typeof(T).GetProperty(member)?.GetValue(options);
                return $"{key}: {r.ErrorMessage}" + (value is null or System.Collections.IEnumerable and not string ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (it is {value})"));
            }));
        }
    }
}
