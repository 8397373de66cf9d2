using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace XinchuangFlow.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SupervisionReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "xf_supervision_notices",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ExtendedDeadline",
                table: "xf_supervision_notices",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Late",
                table: "xf_supervision_notices",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Returns",
                table: "xf_supervision_notices",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReviewComment",
                table: "xf_supervision_notices",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReviewedAt",
                table: "xf_supervision_notices",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "xf_supervision_notices",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            // A notice answered after its deadline before this version counts as late from now on too (the flag is kept once set).
            migrationBuilder.Sql("UPDATE [xf_supervision_notices] SET [Late] = 1 WHERE [Status] = N'answered-late';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "ExtendedDeadline",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "Late",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "Returns",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "ReviewComment",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "ReviewedAt",
                table: "xf_supervision_notices");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "xf_supervision_notices");
        }
    }
}
