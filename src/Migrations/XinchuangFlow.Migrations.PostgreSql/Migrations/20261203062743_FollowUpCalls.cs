using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FollowUpAt",
                table: "xf_tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FollowUpConfirmed",
                table: "xf_tickets",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowUpNote",
                table: "xf_tickets",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FollowUpReached",
                table: "xf_tickets",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowUpReason",
                table: "xf_tickets",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FollowUpSatisfaction",
                table: "xf_tickets",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FollowUpAt",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "FollowUpConfirmed",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "FollowUpNote",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "FollowUpReached",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "FollowUpReason",
                table: "xf_tickets");

            migrationBuilder.DropColumn(
                name: "FollowUpSatisfaction",
                table: "xf_tickets");
        }
    }
}
