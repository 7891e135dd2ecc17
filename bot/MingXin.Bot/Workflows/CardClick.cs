using System.Text.Json.Nodes;
using MingXin.Bot.Domain;

namespace MingXin.Bot.Workflows;

/// <summary>A click on a card of any form (a Universal Action or its Action.Submit fallback), as every pipeline receives it. All of it is untrusted input.</summary>
public sealed record CardClick(
    string? WorkflowId,
    long? Version,
    string? Verb,
    string? Seat,
    string? Comment,
    string? ColleagueId,
    string ActorId,
    string ActorName,
    Language Language,
    string? ActivityId,
    IReadOnlyDictionary<string, string>? Inputs = null,
    bool Personal = false)
{
    /// <summary>Every value the card sent (inputs and data), as text; empty when there were none.</summary>
    public IReadOnlyDictionary<string, string> Values => Inputs ?? new Dictionary<string, string>();
}

/// <summary>The answer to a card action.</summary>
public abstract record ActionAnswer
{
    private ActionAnswer()
    {
    }

    /// <summary>The card to show the user (refreshed, possibly with a banner saying what happened or why not).</summary>
    /// <param name="Then">A message to send in the conversation after the answer (a file offered, say).</param>
    public sealed record Card(JsonObject Value, bool Changed, Conversations.ChatReply? Then = null) : ActionAnswer;

    /// <summary>The request itself is malformed.</summary>
    public sealed record BadRequest(string Message) : ActionAnswer;
}
