using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MingXin.Bot.Domain.Organization;
using MingXin.Bot.Storage;
using MingXin.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MingXin.Bot.Tests.Host;

/// <summary>The real host receiving Teams-shaped activities; replies land on a recording Connector.</summary>
public sealed class HostTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private RecordingConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await RecordingConnector.StartAsync();

    public async Task DisposeAsync() => await _connector.DisposeAsync();

    [Theory]
    [InlineData("help", "zh-CN", "MingXin customer service · Help")] // written in English: English, whatever the client's locale
    [InlineData("帮助", "en-US", "明新客服助手 · 帮助")]
    [InlineData("?", "zh-cn", "明新客服助手 · 帮助")] // the text says nothing: the locale decides
    [InlineData("？", "en-US", "MingXin customer service · Help")]
    public async Task Help_answers_with_the_help_card_in_the_users_language(string text, string locale, string title)
    {
        await using var host = new BotHost(azurite.ConnectionString);
        var response = await Activities.PostAsync(host.CreateClient(), Activities.PersonalMessage(_connector.ServiceUrl, text, BotHost.SalesId, locale));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_connector.Delivered);
        Assert.Equal("POST", reply.Method);
        Assert.StartsWith("/v3/conversations/a:personal-aad-sales/activities", reply.Path, StringComparison.Ordinal);
        Assert.Equal("application/vnd.microsoft.card.adaptive", reply.Body!["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Equal(title, reply.Card!["body"]![0]!["text"]!.GetValue<string>());
        Assert.DoesNotContain("${", reply.Card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_gets_the_help_card_naming_what_was_not_understood()
    {
        await using var host = new BotHost(azurite.ConnectionString);
        await Activities.PostAsync(host.CreateClient(), Activities.PersonalMessage(_connector.ServiceUrl, "[click](http://evil) hello?", BotHost.SalesId, "en-US"));

        var card = Assert.Single(_connector.Delivered).Card!;
        var problem = card["body"]!.AsArray().Select(b => b!["text"]?.GetValue<string>()).Single(t => t is not null && t.StartsWith("I don't understand", StringComparison.Ordinal))!;
        Assert.Contains(@"\[click\](http://evil)", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_registers_a_channel_for_a_department()
    {
        await using var host = new BotHost(azurite.ConnectionString);
        var response = await Activities.PostAsync(host.CreateClient(), Activities.ChannelMessage(_connector.ServiceUrl, "register 品管部", BotHost.AdminId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_connector.Delivered);
        Assert.Contains("品管部", reply.Text, StringComparison.Ordinal);
        Assert.StartsWith($"/v3/conversations/{Activities.QcChannelId};messageid=1700000000000/activities", Uri.UnescapeDataString(reply.Path), StringComparison.Ordinal);

        var binding = await host.Services.GetRequiredService<ChannelBindingStore>().GetAsync(Department.QualityControl, default);
        Assert.NotNull(binding);
        Assert.Equal(Activities.QcChannelId, binding.ChannelId);
        Assert.Equal(Activities.TeamId, binding.TeamId);
        Assert.Equal(_connector.ServiceUrl, binding.ServiceUrl);
        Assert.Equal(Activities.TenantId, binding.TenantId);
        Assert.Equal(Activities.BotId, binding.BotId);
        Assert.Equal(BotHost.AdminId, binding.BoundById);
        Assert.Equal(host.Time.GetUtcNow(), binding.BoundAt);
    }

    [Fact]
    public async Task Register_asks_Teams_for_the_team_and_channel_names_when_the_activity_lacks_them()
    {
        await using var host = new BotHost(azurite.ConnectionString);
        await Activities.PostAsync(host.CreateClient(), Activities.ChannelMessage(_connector.ServiceUrl, "register qc", BotHost.AdminId, channelName: null, teamName: null));

        var binding = await host.Services.GetRequiredService<ChannelBindingStore>().GetAsync(Department.QualityControl, default);
        Assert.Equal("明新工厂 Team", binding!.TeamName);
        Assert.Equal("品管频道", binding.ChannelName);
        Assert.Contains("品管频道", _connector.Delivered.Last().Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("register qc", "en-US", BotHost.SalesId, "Only an Administrator")]
    [InlineData("注册 品管部", "zh-CN", "aad-stranger", "只有 系统管理员")]
    [InlineData("register accounting", "en-US", BotHost.AdminId, "There is no department called \"accounting\"")]
    [InlineData("注册", "zh-CN", BotHost.AdminId, "请说明要绑定哪个部门")]
    public async Task Register_refuses_clearly_and_changes_nothing(string command, string locale, string user, string expected)
    {
        await using var host = new BotHost(azurite.ConnectionString);
        await Activities.PostAsync(host.CreateClient(), Activities.ChannelMessage(_connector.ServiceUrl, command, user, locale: locale));

        var reply = Assert.Single(_connector.Delivered);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Empty(await host.Services.GetRequiredService<ChannelBindingStore>().ListAsync(default));
    }

    [Fact]
    public async Task Register_in_a_personal_chat_explains_it_needs_a_channel()
    {
        await using var host = new BotHost(azurite.ConnectionString);
        await Activities.PostAsync(host.CreateClient(), Activities.PersonalMessage(_connector.ServiceUrl, "register qc", BotHost.AdminId, "en-US"));

        Assert.Contains("works only in a team channel", Assert.Single(_connector.Delivered).Text, StringComparison.Ordinal);
        Assert.Empty(await host.Services.GetRequiredService<ChannelBindingStore>().ListAsync(default));
    }

    [Fact]
    public async Task Departments_lists_every_department_with_its_binding()
    {
        await using var host = new BotHost(azurite.ConnectionString);
        var client = host.CreateClient();
        await Activities.PostAsync(client, Activities.ChannelMessage(_connector.ServiceUrl, "register qc", BotHost.AdminId));
        await Activities.PostAsync(client, Activities.ChannelMessage(_connector.ServiceUrl, "departments", BotHost.SalesId, locale: "en-US"));

        var card = _connector.Delivered.Last().Card!;
        var facts = card["body"]![1]!["facts"]!.AsArray();
        Assert.Equal(Departments.List.Count, facts.Count);
        Assert.StartsWith("明新工厂 › 品管", facts.Single(f => f!["title"]!.GetValue<string>() == "Quality Control")!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("not bound", facts.Single(f => f!["title"]!.GetValue<string>() == "Sales")!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Removing_the_bot_from_a_team_unbinds_the_departments_whose_channels_are_in_it()
    {
        await using var host = new BotHost(azurite.ConnectionString);
        var client = host.CreateClient();
        await Activities.PostAsync(client, Activities.ChannelMessage(_connector.ServiceUrl, "register qc", BotHost.AdminId));
        var store = host.Services.GetRequiredService<ChannelBindingStore>();
        Assert.Single(await store.ListAsync(default));

        var response = await Activities.PostAsync(client, Activities.BotRemovedFromTeam(_connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await store.ListAsync(default)); // later posts to QC wait for a new channel instead of failing with 403
    }

    [Fact]
    public async Task Installing_in_a_team_greets_with_the_setup_card()
    {
        await using var host = new BotHost(azurite.ConnectionString);
        var response = await Activities.PostAsync(host.CreateClient(), Activities.BotAddedToTeam(_connector.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var card = Assert.Single(_connector.Delivered).Card!;
        Assert.Equal("Welcome to MingXin customer service", card["body"]![0]!["text"]!.GetValue<string>());
        Assert.Contains("明新工厂", card["body"]![1]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"type\":\"message\",\"text\":\"help\"}", "missing required fields: serviceUrl, channelId, conversation.id, from.id")]
    [InlineData("{\"type\":\"message\",\"serviceUrl\":\"file:///etc\",\"channelId\":\"msteams\",\"conversation\":{\"id\":\"c\"},\"from\":{\"id\":\"u\"}}", "serviceUrl must be an absolute http(s) URL")]
    public async Task Malformed_activities_get_400_with_a_clear_message_and_nothing_runs(string body, string expected)
    {
        await using var host = new BotHost(azurite.ConnectionString);
        var response = await host.CreateClient().PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains(expected, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(_connector.Calls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    // A well-formed token from an issuer the Bot Framework does not trust.
    [InlineData("eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlLmludmFsaWQiLCJhdWQiOiIyMjIyMjIyMi0yMjIyLTIyMjItMjIyMi0yMjIyMjIyMjIyMjIiLCJleHAiOjQxMDI0NDQ4MDB9.c2ln")]
    public async Task With_an_app_id_a_request_without_a_valid_token_gets_401_and_nothing_runs(string? token)
    {
        await using var host = new BotHost(azurite.ConnectionString, appId: "22222222-2222-2222-2222-222222222222");
        var response = await Activities.PostAsync(host.CreateClient(), Activities.ChannelMessage(_connector.ServiceUrl, "register qc", BotHost.AdminId), token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_connector.Calls);
        Assert.Empty(await host.Services.GetRequiredService<ChannelBindingStore>().ListAsync(default));
    }

    [Fact]
    public async Task Healthz_reports_storage_that_answers()
    {
        await using var host = new BotHost(azurite.ConnectionString);
        var response = await host.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", (await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Storage_down_makes_healthz_unhealthy_and_activities_503_with_nothing_sent()
    {
        await using var host = new BotHost(AzuriteFixture.UnreachableConnectionString(AzuriteFixture.FreePort()));
        var client = host.CreateClient();

        var health = await client.GetAsync("/healthz");
        var turn = await Activities.PostAsync(client, Activities.ChannelMessage(_connector.ServiceUrl, "register qc", BotHost.AdminId));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("unhealthy", (await health.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, turn.StatusCode);
        Assert.True(turn.Headers.RetryAfter is not null);
        Assert.Empty(_connector.Calls);
    }
}
