using MingXin.Bot.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace MingXin.Bot.Teams;

/// <summary>Turns application replies into Bot Framework activities.</summary>
internal static class TeamsActivities
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static IMessageActivity From(ChatReply reply)
    {
        if (reply.Offer is { } offer)
        {
            // Teams asks the person where to put it (their OneDrive) and answers with fileConsent/invoke.
            return MessageFactory.Attachment(new Attachment
            {
                ContentType = FileConsentCard.ContentType,
                Name = offer.Name,
                Content = new FileConsentCard
                {
                    Description = offer.Description,
                    SizeInBytes = offer.Size ?? 0,
                    AcceptContext = JObject.FromObject(offer.Context),
                    DeclineContext = JObject.FromObject(offer.Context),
                },
            });
        }

        if (reply.Card is { } card)
        {
            return MessageFactory.Attachment(new Attachment
            {
                ContentType = AdaptiveCardContentType,
                Content = JObject.Parse(card.ToJsonString()),
            });
        }

        var message = MessageFactory.Text(reply.Text ?? string.Empty);
        message.TextFormat = TextFormatTypes.Markdown;
        foreach (var mention in reply.Mentions ?? [])
        {
            // Teams notifies the person when the text holds <at>Name</at> and a mention entity names them.
            message.Entities ??= [];
            message.Entities.Add(new Mention { Mentioned = new ChannelAccount(mention.TeamsUserId, mention.Name), Text = $"<at>{mention.Name}</at>" });
        }

        return message;
    }
}
