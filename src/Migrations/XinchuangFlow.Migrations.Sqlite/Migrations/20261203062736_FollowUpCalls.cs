using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FollowUpAt",
                table: "xf_tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FollowUpConfirmed",
                table: "xf_tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowUpNote",
                table: "xf_tickets",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FollowUpReached",
                table: "xf_tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowUpReason",
                table: "xf_tickets",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FollowUpSatisfaction",
                table: "xf_tickets",
                type: "INTEGER",
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
